using System.Net;

namespace ActorVoice.Server.Security;

/// <summary>
/// The start-up rule for a server without a token: it may listen on loopback only. Binding a public address with no
/// token would let anyone on the network talk to the assistant (and spend the OpenAI key), so the server refuses to
/// start and says how to fix it, rather than quietly serving loopback clients on a public port.
/// </summary>
public static class ServeBindingCheck
{
    /// <summary>Throws when <paramref name="urls"/> include a non-loopback address and no token is configured.</summary>
    /// <exception cref="InvalidOperationException">The message names the address and the settings to change (never a secret).</exception>
    public static void EnsureSafe(ClientTokens tokens, IEnumerable<string> urls)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(urls);
        if (tokens.HasConfiguredToken)
        {
            return;
        }

        foreach (var url in urls)
        {
            if (!IsLoopbackUrl(url))
            {
                throw new InvalidOperationException(
                    $"Refusing to serve {url} without a client token: set actorvoice.serve.security.token "
                    + "(or the ACTORVOICE_TOKEN environment variable), or bind a loopback address such as http://127.0.0.1:5000.");
            }
        }
    }

    /// <summary>Whether a Kestrel URL binds loopback only (<c>localhost</c>, 127.0.0.0/8, ::1); <c>*</c>, <c>+</c>, 0.0.0.0 are not.</summary>
    public static bool IsLoopbackUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var rest = schemeEnd >= 0 ? url[(schemeEnd + 3)..] : url;
        var slash = rest.IndexOf('/');
        var authority = slash >= 0 ? rest[..slash] : rest;
        string host;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            host = close > 0 ? authority[1..close] : authority;
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon >= 0 ? authority[..colon] : authority;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var address) && ClientAdmission.IsLoopback(address);
    }
}
