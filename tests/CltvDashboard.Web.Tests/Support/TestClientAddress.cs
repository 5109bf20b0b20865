using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CltvDashboard.Web.Tests.Support;

/// <summary>Lets a test client say which address it comes from (the test server has none), for the per-address limits.</summary>
public sealed class TestClientAddress : IStartupFilter
{
    /// <summary>The request header naming the client's address.</summary>
    public const string Header = "X-Test-Client-Address";

    /// <inheritdoc />
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header], out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
