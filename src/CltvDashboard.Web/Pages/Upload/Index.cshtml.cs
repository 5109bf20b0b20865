using CltvDashboard.Web.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CltvDashboard.Web.Pages.Upload;

/// <summary>Receives a file and keeps it under a random name for the review step.</summary>
[TypeFilter<UploadSizeLimitFilter>(Order = UploadSizeLimitFilter.RunsFirst)]
public sealed partial class IndexModel : PageModel
{
    private readonly UploadStore _uploads;
    private readonly ILogger<IndexModel> _logger;

    public IndexModel(UploadStore uploads, ILogger<IndexModel> logger)
    {
        _uploads = uploads;
        _logger = logger;
    }

    /// <summary>The chosen file.</summary>
    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The size limit in megabytes.</summary>
    public long MaxMegabytes => _uploads.MaxBytes / (1024 * 1024);

    /// <summary>The size limit in bytes, for the browser to check a chosen file before sending it.</summary>
    public long MaxBytes => _uploads.MaxBytes;

    /// <summary>Shows the form, with the message for an upload the size limit refused.</summary>
    /// <param name="tooLarge">Set after a refused upload: its size in megabytes, 0 when unknown.</param>
    public void OnGet(long? tooLarge)
    {
        if (tooLarge is { } megabytes)
        {
            ModelState.AddModelError(nameof(Upload), TooLargeMessage(megabytes > 0 ? megabytes : null));
        }
    }

    /// <summary>Saves the file and opens its review.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a file that is not empty.");
            return Page();
        }

        if (Upload.Length > _uploads.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), TooLargeMessage((Upload.Length + (1 << 19)) >> 20));
            return Page();
        }

        try
        {
            var content = Upload.OpenReadStream();
            await using (content)
            {
                var pending = await _uploads.SaveAsync(content, Upload.FileName, User.Identity!.Name!, cancellationToken);
                return RedirectToPage("/Upload/Review", new { id = pending.Id });
            }
        }
        catch (UploadTooLargeException)
        {
            ModelState.AddModelError(nameof(Upload), TooLargeMessage(null));
            return Page();
        }
        catch (UploadDiskFullException e)
        {
            LogDiskFull(e, e.Folder);
            ModelState.AddModelError(nameof(Upload), e.Message);
            Response.StatusCode = StatusCodes.Status507InsufficientStorage;
            return Page();
        }
    }

    private string TooLargeMessage(long? megabytes) =>
        $"The file{(megabytes is { } size ? $" ({size:N0} MB)" : "")} is larger than the limit of {MaxMegabytes:N0} MB, so nothing was uploaded. "
        + "Export a shorter period or split the file, and upload each part.";

    [LoggerMessage(Level = LogLevel.Error, Message = "An upload could not be saved: the disk holding the data folder {Folder} is full")]
    private partial void LogDiskFull(Exception exception, string folder);
}
