using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using CltvDashboard.Web.Imports;

namespace CltvDashboard.Web.Pages.Upload;

/// <summary>
/// Turns an upload over the size limit into the upload page's own message. It runs before the antiforgery check, which
/// reads the form first: left to it, the server's refusal to read past the limit became a 400 with no body, and the
/// browser showed a blank page.
/// </summary>
/// <remarks>
/// A body declared too large is read and discarded before the answer (up to <see cref="DrainFactor"/> times the
/// limit): a server that answers and closes while the browser is still sending is seen by the browser as a reset
/// connection, not as the answer.
/// </remarks>
public sealed class UploadSizeLimitFilter : IAsyncAuthorizationFilter
{
    /// <summary>The filter's order: before the antiforgery check (order 1000), which would read the form.</summary>
    public const int RunsFirst = -1000;

    /// <summary>What a multipart form adds around the file: its boundaries, headers and the antiforgery field.</summary>
    public const long FormOverheadBytes = 1 << 20;

    private const long DrainFactor = 4;
    private readonly UploadStore _uploads;

    public UploadSizeLimitFilter(UploadStore uploads) => _uploads = uploads;

    /// <inheritdoc />
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var request = http.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return;
        }

        var limit = _uploads.MaxBytes + FormOverheadBytes;
        if (request.ContentLength is { } declared && declared > limit)
        {
            var size = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (declared <= DrainFactor * limit && size is { IsReadOnly: false })
            {
                size.MaxRequestBodySize = null;
                await request.Body.CopyToAsync(Stream.Null, http.RequestAborted).ConfigureAwait(false);
            }

            context.Result = TooLarge(declared);
            return;
        }

        try
        {
            // Read here so that a body without a declared length that runs past the limit is caught too; the
            // antiforgery check and the page then use the form as read.
            await request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Result = TooLarge(null);
        }
        catch (InvalidDataException e) when (e.Message.Contains("body length limit", StringComparison.Ordinal))
        {
            // FormOptions' own limit, the same size, where the server itself sets none (the test server).
            context.Result = TooLarge(null);
        }
    }

    // Post, redirect, get: the page shows its message, and a reload does not send the file again.
    private static RedirectToPageResult TooLarge(long? bytes) =>
        new("/Upload/Index", new { tooLarge = bytes is { } b ? Math.Max(1, (b + (1 << 19)) >> 20) : 0 });
}
