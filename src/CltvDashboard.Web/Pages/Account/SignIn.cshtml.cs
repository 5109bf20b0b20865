using System.Globalization;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace CltvDashboard.Web.Pages.Account;

/// <summary>Signs a user in with e-mail and password; repeated failures slow further attempts down.</summary>
public sealed class SignInModel : PageModel
{
    /// <summary>The one answer to an unknown address, a wrong password and a locked account, so that none gives the others away.</summary>
    public const string FailedMessage = "Sign-in failed: the e-mail address or the password is wrong, or the account is locked.";

    private readonly PasswordSignIn _signIn;
    private readonly UserManager<CltvUser> _users;
    private readonly SetupToken _setupToken;

    public SignInModel(PasswordSignIn signIn, UserManager<CltvUser> users, SetupToken setupToken)
    {
        _signIn = signIn;
        _users = users;
        _setupToken = setupToken;
    }

    /// <summary>Whether nobody can sign in yet because the first Admin is still to be created at <c>/Setup</c>.</summary>
    public bool SetupOpen => SetupModel.SetupOpen(_users, _setupToken);

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
        var outcome = await _signIn.SignInAsync(Email.Trim(), Password, HttpContext.Connection.RemoteIpAddress?.ToString());
        switch (outcome.Kind)
        {
            case SignInResultKind.SignedIn:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case SignInResultKind.Wait:
                var seconds = (int)Math.Ceiling(outcome.Wait!.Value.TotalSeconds);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
                ModelState.AddModelError(string.Empty, $"Too many failed sign-ins: wait {seconds} s, then try again.");
                return Page();
            default:
                ModelState.AddModelError(string.Empty, FailedMessage);
                return Page();
        }
    }
}
