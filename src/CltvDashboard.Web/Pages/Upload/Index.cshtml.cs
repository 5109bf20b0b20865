using CltvDashboard.Web.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CltvDashboard.Web.Pages.Upload;

/// <summary>Receives a file and keeps it under a random name for the review step.</summary>
public sealed class IndexModel : PageModel
{
    private readonly UploadStore _uploads;

    public IndexModel(UploadStore uploads) => _uploads = uploads;

    /// <summary>The chosen file.</summary>
    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The size limit in megabytes.</summary>
    public long MaxMegabytes => _uploads.MaxBytes / (1024 * 1024);

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
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
            ModelState.AddModelError(nameof(Upload), $"The file is larger than the limit of {MaxMegabytes} MB.");
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
        catch (UploadTooLargeException e)
        {
            ModelState.AddModelError(nameof(Upload), e.Message);
            return Page();
        }
    }
}
