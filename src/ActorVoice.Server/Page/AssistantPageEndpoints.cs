using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorVoice.Server.Page;

/// <summary>Maps the built-in assistant page at <c>/</c> and its scripts and styles beside it.</summary>
public static partial class AssistantPageEndpoints
{
    /// <summary>
    /// GET (and HEAD) <c>/</c>, <c>/index.html</c> and each embedded file of the page. The page is public: it holds no
    /// secret, and the token the user opens it with travels only from the address to the WebSocket.
    /// </summary>
    public static IEndpointRouteBuilder MapAssistantPage(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        foreach (var asset in PageAssets.All)
        {
            endpoints.MapMethods(asset.Path, methods, context => ServeAsync(context, asset)).WithDisplayName("page " + asset.Path);
            if (asset.Path == "/index.html")
            {
                endpoints.MapMethods("/", methods, context => ServeAsync(context, asset)).WithDisplayName("page /");
            }
        }

        return endpoints;
    }

    private static Task ServeAsync(HttpContext context, PageAsset asset)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.ETag = asset.ETag;
        // Revalidate every time: a server upgrade must never leave an old script talking to a new protocol.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (asset.ContentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy(context.Request);
            headers["Permissions-Policy"] = "microphone=(self), camera=(), geolocation=()";
            headers.XFrameOptions = "DENY";
        }

        if (context.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }

    // Scripts, styles and the WebSocket only from this server. connect-src names the ws(s) origin explicitly because
    // older browsers do not count ws: as 'self'; a Host header that is not a plain host[:port] gets 'self' alone.
    private static string ContentSecurityPolicy(HttpRequest request)
    {
        var host = request.Host.Value;
        var connect = host is not null && PlainHost().IsMatch(host)
            ? $"'self' {(request.IsHttps ? "wss" : "ws")}://{host}"
            : "'self'";
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
               $"connect-src {connect}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    [GeneratedRegex(@"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")]
    private static partial Regex PlainHost();
}
