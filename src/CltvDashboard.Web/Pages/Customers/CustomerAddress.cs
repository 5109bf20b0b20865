using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace CltvDashboard.Web.Pages.Customers;

/// <summary>
/// A customer page's address: the customer's own id from the transaction file, which stays the same across imports and
/// replaces (the store's keys do not), e.g. <c>/Customers/7592</c>. The id is URL-encoded, its slashes kept as path
/// separators, so <c>/Customers/ACME/42</c> is customer <c>ACME/42</c>. An id that no path can carry (an empty, <c>.</c>
/// or <c>..</c> segment, which browsers and servers fold away) goes in the query string instead: <c>/Customer?id=..</c>.
/// Links are made by <see cref="CustomerPage(IUrlHelper, string)"/> or <see cref="CustomerPage(LinkGenerator, string)"/>, never by hand.
/// </summary>
public static class CustomerAddress
{
    /// <summary>The route name of <c>/Customers/{**id}</c>.</summary>
    public const string PathRoute = "customer";

    /// <summary>The route name of <c>/Customer?id=</c>.</summary>
    public const string QueryRoute = "customer-by-query";

    private const string Page = "/Customers/Details";

    /// <summary>
    /// Names the customer page's path route, adds its query-string route, and leaves <c>/Customers/Index</c> to a
    /// customer called "Index" (the list stays at <c>/Customers</c>).
    /// </summary>
    /// <param name="conventions">The Razor Pages conventions.</param>
    public static void AddRoutes(PageConventionCollection conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        conventions.AddPageRouteModelConvention(Page, page =>
        {
            page.Selectors.Single().AttributeRouteModel!.Name = PathRoute;
            page.Selectors.Add(new SelectorModel { AttributeRouteModel = new AttributeRouteModel { Template = "Customer", Name = QueryRoute } });
        });
        conventions.AddPageRouteModelConvention("/Customers/Index", page =>
        {
            foreach (var explicitIndex in page.Selectors.Where(s => s.AttributeRouteModel?.Template?.EndsWith("/Index", StringComparison.OrdinalIgnoreCase) == true).ToList())
            {
                page.Selectors.Remove(explicitIndex);
            }
        });
    }

    /// <summary>The customer page of <paramref name="externalId"/>, for a page.</summary>
    /// <param name="url">The page's URL helper.</param>
    /// <param name="externalId">The customer's own id.</param>
    public static string CustomerPage(this IUrlHelper url, string externalId)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.RouteUrl(RouteOf(externalId), new { id = externalId })
            ?? throw new InvalidOperationException("The customer page's routes are not registered.");
    }

    /// <summary>The customer page of <paramref name="externalId"/>, for an endpoint.</summary>
    /// <param name="links">The link generator.</param>
    /// <param name="externalId">The customer's own id.</param>
    public static string CustomerPage(this LinkGenerator links, string externalId)
    {
        ArgumentNullException.ThrowIfNull(links);
        return links.GetPathByName(RouteOf(externalId), new { id = externalId })
            ?? throw new InvalidOperationException("The customer page's routes are not registered.");
    }

    /// <summary>Whether a path can carry the id as it is: none of its segments is empty, <c>.</c> or <c>..</c>.</summary>
    /// <param name="externalId">The customer's own id.</param>
    public static bool FitsInPath(string externalId)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        return externalId.Split('/').All(segment => segment is not ("" or "." or ".."));
    }

    private static string RouteOf(string externalId) => FitsInPath(externalId) ? PathRoute : QueryRoute;
}
