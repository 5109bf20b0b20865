using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Identity;
using Microsoft.AspNetCore.Identity;
using CltvDashboard.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CltvDashboard.Web.Pages;

/// <summary>
/// Creates the first Admin with the one-time token from the server log; gone (404) once any user exists.
/// </summary>
public sealed class SetupModel : PageModel
{
    private readonly UserManager<CltvUser> _users;
    private readonly SignInManager<CltvUser> _signIn;
    private readonly UserDirectory _directory;
    private readonly SetupToken _token;

    public SetupModel(UserManager<CltvUser> users, SignInManager<CltvUser> signIn, UserDirectory directory, SetupToken token)
    {
        _users = users;
        _signIn = signIn;
        _directory = directory;
        _token = token;
    }

    /// <summary>The token from the log.</summary>
    [BindProperty]
    public string Token { get; set; } = "";

    /// <summary>The first Admin's e-mail address.</summary>
    [BindProperty]
    public string Email { get; set; } = "";

    /// <summary>The first Admin's password.</summary>
    [BindProperty]
    public string Password { get; set; } = "";

    /// <summary>Shows the form while no user exists.</summary>
    public IActionResult OnGet() => SetupOpen(_users, _token) ? Page() : Closed();

    /// <summary>Whether the first Admin can be created here: no user exists and this instance holds an unused setup token.</summary>
    /// <param name="users">The users.</param>
    /// <param name="token">The setup token.</param>
    public static bool SetupOpen(UserManager<CltvUser> users, SetupToken token)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(token);
        return token.Value is not null && !users.Users.Any();
    }

    /// <summary>Creates the Admin and signs them in.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (_users.Users.Any())
        {
            return Closed();
        }

        if (string.IsNullOrWhiteSpace(Token) || _token.Value is null || !string.Equals(Token.Trim(), _token.Value, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(Token), "The setup token is not the one in the server log.");
            return Page();
        }

        // The account is checked in full before the token is used up, so that a typo does not burn it.
        var problems = await ValidateAccountAsync();
        if (problems.Count > 0)
        {
            foreach (var message in problems)
            {
                ModelState.AddModelError(string.Empty, message);
            }

            return Page();
        }

        if (!_token.TryConsume(Token))
        {
            ModelState.AddModelError(nameof(Token), "The setup token is not the one in the server log.");
            return Page();
        }

        var created = await _directory.CreateAsync(Email.Trim(), Password, CltvRoles.Admin);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        var user = await _users.FindByEmailAsync(Email.Trim());
        await _signIn.SignInAsync(user!, isPersistent: false);
        return LocalRedirect("/");
    }

    private NotFoundResult Closed() =>
        this.NotFoundSaying("The first Admin exists already: sign in, or ask an Admin for an account.", "/Account/SignIn", "Sign in");

    private async Task<List<string>> ValidateAccountAsync()
    {
        var messages = new List<string>();
        var probe = new CltvUser { UserName = Email.Trim(), Email = Email.Trim() };
        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(probe.Email) || string.IsNullOrWhiteSpace(probe.Email))
        {
            messages.Add("Enter a valid e-mail address.");
        }

        foreach (var validator in _users.UserValidators)
        {
            var result = await validator.ValidateAsync(_users, probe);
            messages.AddRange(result.Errors.Select(e => e.Description));
        }

        foreach (var validator in _users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(_users, probe, Password);
            messages.AddRange(result.Errors.Select(e => e.Description));
        }

        return messages;
    }
}
