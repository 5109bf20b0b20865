using System.Diagnostics;

namespace CltvDashboard.Infrastructure.Calculation;

/// <summary>Times the stages of a run, each from its start to the start of the next.</summary>
internal sealed class StageClock
{
    private readonly List<StageTiming> _timings = [];
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private string? _stage;
    private long _stageStart;

    public IReadOnlyList<StageTiming> Timings => _timings;

    public void Enter(string stage)
    {
        Close();
        _stage = stage;
        _stageStart = _stopwatch.ElapsedMilliseconds;
    }

    public void Close()
    {
        if (_stage is not null)
        {
            _timings.Add(new StageTiming(_stage, _stopwatch.ElapsedMilliseconds - _stageStart));
            _stage = null;
        }
    }
}
