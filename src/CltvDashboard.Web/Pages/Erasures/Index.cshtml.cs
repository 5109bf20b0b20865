using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CltvDashboard.Web.Pages.Erasures;

/// <summary>The audit list of erased customers (Admin): who, when, pseudonym; no personal data.</summary>
public sealed class IndexModel(CustomerEraser eraser) : PageModel
{
    /// <summary>The erasures, newest first.</summary>
    public IReadOnlyList<CustomerErasure> Audit { get; private set; } = [];

    /// <summary>The erasure just done, when the page follows one.</summary>
    [TempData]
    public string? Erased { get; set; }

    /// <summary>Reads the audit list.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task OnGetAsync(CancellationToken cancellationToken) => Audit = await eraser.AuditAsync(cancellationToken);
}
