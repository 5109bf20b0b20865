using CltvDashboard.Web.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CltvDashboard.Web.Pages.Imports;

/// <summary>The progress of an upload's import and of the recalculation after it; the figures come from the status endpoint.</summary>
public sealed class ProgressModel : PageModel
{
    private readonly ImportProgressStore _progress;

    public ProgressModel(ImportProgressStore progress) => _progress = progress;

    /// <summary>The upload's id.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The client's file name.</summary>
    public string FileName { get; private set; } = "";

    /// <summary>Shows the page for an import this instance knows.</summary>
    public IActionResult OnGet()
    {
        if (_progress.Find(Id) is not { } snapshot)
        {
            return RedirectToPage("/Imports/Index");
        }

        FileName = snapshot.FileName;
        return Page();
    }
}
