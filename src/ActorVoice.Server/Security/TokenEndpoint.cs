using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ActorVoice.Server.Security;

/// <summary>
/// <c>POST /v1/tokens</c>: mints a short-lived client token, like OpenAI's ephemeral keys. The caller (an operator's
/// backend, never a browser page) authenticates with the configured token as <c>Authorization: Bearer</c>; a minted
/// token cannot mint more. Without a configured token only loopback callers are served. Answers
/// <c>{"token":"…","expires_at":&lt;Unix seconds&gt;}</c>, 401 or 403 with <c>{"error":{"code","message"}}</c>.
/// Needs <see cref="ServeSecurityServiceCollectionExtensions.AddServeSecurity"/>.
/// </summary>
public static class TokenEndpoint
{
    public const string Path = "/v1/tokens";

    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(Path, Handle);
        return endpoints;
    }

    private static IResult Handle(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<ClientTokens>();
        var settings = context.RequestServices.GetRequiredService<ServeSecuritySettings>();
        // No caching anywhere between here and the caller: the body is a credential.
        context.Response.Headers.CacheControl = "no-store";
        var request = context.Request;
        var origins = new OriginPolicy(settings.Security);
        if (!origins.IsAllowed(request.Headers.Origin.ToString(), request.Scheme, request.Host.Value))
        {
            return Error(StatusCodes.Status403Forbidden, "origin_not_allowed", "Origin not allowed.");
        }

        var authorized = tokens.HasConfiguredToken
            ? tokens.IsConfiguredToken(ClientAdmission.BearerToken(request))
            : ClientAdmission.IsLoopback(context.Connection.RemoteIpAddress);
        if (!authorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Error(StatusCodes.Status401Unauthorized, "unauthorized", "Present the server's token as Authorization: Bearer.");
        }

        var minted = tokens.Mint();
        return Results.Json(new TokenResponse(minted.Token, minted.ExpiresAt.ToUnixTimeSeconds()));
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new ErrorResponse(new ErrorBody(code, message)), statusCode: status);

    internal sealed record TokenResponse(
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("expires_at")] long ExpiresAt);

    internal sealed record ErrorResponse([property: JsonPropertyName("error")] ErrorBody Error);

    internal sealed record ErrorBody(
        [property: JsonPropertyName("code")] string Code,
        [property: JsonPropertyName("message")] string Message);
}
