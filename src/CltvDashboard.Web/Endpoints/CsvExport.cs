using CltvDashboard.Infrastructure.Csv;
using CltvDashboard.Web.Identity;

namespace CltvDashboard.Web.Endpoints;

/// <summary>
/// One CSV download of a table from the current run: its route under <c>/exports</c>, the resource whose rule says who
/// may download it, its header, and how its query's result becomes the file. Built by <c>Rows</c>, <see cref="Stream"/> or
/// <see cref="Of"/>, one entry each in <see cref="ExportEndpoints.All"/>.
/// </summary>
public sealed class CsvExport
{
    private readonly Func<ExportRequest, CancellationToken, Task<CsvTable?>> _read;

    private CsvExport(string route, AppResource resource, IReadOnlyList<string> columns, Func<ExportRequest, CancellationToken, Task<CsvTable?>> read)
    {
        Route = route;
        Resource = resource;
        Columns = columns;
        _read = read;
    }

    public string Route { get; }

    /// <summary>The resource whose rule says who may download it.</summary>
    public AppResource Resource { get; }

    /// <summary>The header; a table whose columns depend on its data has these first.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>An export of a query that returns a list, one record per item.</summary>
    /// <param name="route">The route under <c>/exports</c>.</param>
    /// <param name="resource">The resource it belongs to.</param>
    /// <param name="name">What the file holds, in its name (<see cref="ExportEndpoints.FileName"/>).</param>
    /// <param name="columns">The header.</param>
    /// <param name="query">Reads the items.</param>
    /// <param name="row">An item's record.</param>
    /// <param name="accepts">Whether the request names something that exists; the download is not found otherwise.</param>
    public static CsvExport Rows<TRow>(
        string route,
        AppResource resource,
        Func<ExportRequest, string> name,
        IReadOnlyList<string> columns,
        Func<ExportRequest, CancellationToken, Task<IReadOnlyList<TRow>>> query,
        Func<TRow, CsvCell[]> row,
        Func<ExportRequest, CancellationToken, Task<bool>>? accepts = null) =>
        Rows(route, resource, name, columns, query, (_, item) => row(item), accepts);

    /// <summary>An export of a query that returns a list, one record per item, made with the request's values too.</summary>
    /// <inheritdoc cref="Rows{TRow}(string, AppResource, Func{ExportRequest, string}, IReadOnlyList{string}, Func{ExportRequest, CancellationToken, Task{IReadOnlyList{TRow}}}, Func{TRow, CsvCell[]}, Func{ExportRequest, CancellationToken, Task{bool}}?)"/>
    public static CsvExport Rows<TRow>(
        string route,
        AppResource resource,
        Func<ExportRequest, string> name,
        IReadOnlyList<string> columns,
        Func<ExportRequest, CancellationToken, Task<IReadOnlyList<TRow>>> query,
        Func<ExportRequest, TRow, CsvCell[]> row,
        Func<ExportRequest, CancellationToken, Task<bool>>? accepts = null) =>
        new(route, resource, columns, async (request, cancellationToken) =>
        {
            if (accepts is not null && !await accepts(request, cancellationToken))
            {
                return null;
            }

            var items = await query(request, cancellationToken);
            return new CsvTable(name(request), columns, items.Select(item => row(request, item)).ToAsyncEnumerable());
        });

    /// <summary>An export of a query that streams its items, one record per item, never all held at once.</summary>
    /// <param name="route">The route under <c>/exports</c>.</param>
    /// <param name="resource">The resource it belongs to.</param>
    /// <param name="name">What the file holds, in its name (<see cref="ExportEndpoints.FileName"/>).</param>
    /// <param name="columns">The header.</param>
    /// <param name="query">Reads the items.</param>
    /// <param name="row">An item's record.</param>
    public static CsvExport Stream<TRow>(
        string route,
        AppResource resource,
        Func<ExportRequest, string> name,
        IReadOnlyList<string> columns,
        Func<ExportRequest, CancellationToken, IAsyncEnumerable<TRow>> query,
        Func<TRow, CsvCell[]> row) =>
        new(route, resource, columns, (request, cancellationToken) =>
            Task.FromResult<CsvTable?>(new CsvTable(name(request), columns, query(request, cancellationToken).Select(row))));

    /// <summary>An export of a query that returns one result (not found when null), written as <paramref name="rows"/> says.</summary>
    /// <param name="route">The route under <c>/exports</c>.</param>
    /// <param name="resource">The resource it belongs to.</param>
    /// <param name="name">What the file holds, in its name (<see cref="ExportEndpoints.FileName"/>).</param>
    /// <param name="columns">The header, or its first columns when <paramref name="moreColumns"/> adds the rest.</param>
    /// <param name="query">Reads the result.</param>
    /// <param name="rows">The result's records.</param>
    /// <param name="moreColumns">The header's columns that depend on the result.</param>
    public static CsvExport Of<TResult>(
        string route,
        AppResource resource,
        Func<ExportRequest, string> name,
        IReadOnlyList<string> columns,
        Func<ExportRequest, CancellationToken, Task<TResult?>> query,
        Func<ExportRequest, TResult, IAsyncEnumerable<CsvCell[]>> rows,
        Func<TResult, IEnumerable<string>>? moreColumns = null)
        where TResult : class =>
        new(route, resource, columns, async (request, cancellationToken) =>
            await query(request, cancellationToken) is { } result
                ? new CsvTable(name(request), [.. columns, .. moreColumns?.Invoke(result) ?? []], rows(request, result))
                : null);

    internal Task<CsvTable?> ReadAsync(ExportRequest request, CancellationToken cancellationToken) => _read(request, cancellationToken);
}
