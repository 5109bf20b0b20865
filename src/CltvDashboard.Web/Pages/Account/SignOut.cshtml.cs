using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CltvDashboard.Web.Pages.Account;

/// <summary>Signs the user out (a post, so that a link cannot sign anyone out).</summary>
public sealed class SignOutModel : PageModel
{
    private readonly SignInManager<CltvUser> _signIn;

    public SignOutModel(SignInManager<CltvUser> signIn) => _signIn = signIn;

    /// <summary>Shows a button to confirm.</summary>
    public void OnGet()
    {
    }

    /// <summary>Signs out and goes to the sign-in page.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await _signIn.SignOutAsync();
        return LocalRedirect("/Account/SignIn");
    }
}
