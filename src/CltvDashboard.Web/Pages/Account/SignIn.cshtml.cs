using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CltvDashboard.Web.Pages.Account;

/// <summary>Signs a user in with e-mail and password; repeated failures lock the account.</summary>
public sealed class SignInModel : PageModel
{
    private readonly SignInManager<CltvUser> _signIn;
    private readonly SetupToken _setupToken;

    public SignInModel(SignInManager<CltvUser> signIn, SetupToken setupToken)
    {
        _signIn = signIn;
        _setupToken = setupToken;
    }

    /// <summary>Whether nobody can sign in yet because the first Admin is still to be created at <c>/Setup</c>.</summary>
    public bool SetupOpen => SetupModel.SetupOpen(_signIn.UserManager, _setupToken);

    /// <summary>The e-mail address.</summary>
    [BindProperty]
    public string Email { get; set; } = "";

    /// <summary>The password.</summary>
    [BindProperty]
    public string Password { get; set; } = "";

    /// <summary>Where to go after signing in; only local addresses are followed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Checks the password and signs in.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var result = await _signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        ModelState.AddModelError(
            string.Empty,
            result.IsLockedOut ? "Too many failed attempts: the account is locked for a while." : "The e-mail address or the password is wrong.");
        return Page();
    }
}
