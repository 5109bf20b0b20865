using System.Text;

namespace CltvDashboard.Infrastructure.Import.Writing;

/// <summary>
/// Keeps every rejected row of an import until the merge is done, when they are written to the store: the first
/// ones in memory, the rest in a temporary file deleted on dispose, so that a file of mostly bad rows keeps
/// memory flat. Filled by the reading thread, read back once by the writing thread after reading ended.
/// </summary>
internal sealed class RejectedRowSpool : IDisposable
{
    private const int KeptInMemory = 4_096;

    private readonly List<ImportProblem> _memory = [];
    private FileStream? _file;
    private BinaryWriter? _writer;

    public long Count { get; private set; }

    public void Add(ImportProblem problem)
    {
        Count++;
        if (_memory.Count < KeptInMemory)
        {
            _memory.Add(problem);
            return;
        }

        if (_writer is null)
        {
            _file = new FileStream(
                Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.SequentialScan);
            _writer = new BinaryWriter(_file, Encoding.UTF8, leaveOpen: true);
        }

        _writer.Write(problem.Line);
        _writer.Write(problem.Column);
        _writer.Write(problem.Message);
        _writer.Write(problem.RawRecord ?? string.Empty);
    }

    /// <summary>Every row added, in the order added; enumerate once, after the last <see cref="Add"/>.</summary>
    public IEnumerable<ImportProblem> ReadAll()
    {
        foreach (var problem in _memory)
        {
            yield return problem;
        }

        if (_writer is null || _file is null)
        {
            yield break;
        }

        _writer.Flush();
        var end = _file.Position;
        _file.Position = 0;
        using var reader = new BinaryReader(_file, Encoding.UTF8, leaveOpen: true);
        while (_file.Position < end)
        {
            var line = reader.ReadInt64();
            var column = reader.ReadString();
            var message = reader.ReadString();
            var raw = reader.ReadString();
            yield return new ImportProblem(line, column, message) { RawRecord = raw };
        }
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _file?.Dispose();
    }
}
