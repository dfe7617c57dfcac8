namespace ActorVoice.Server.Security;

/// <summary>
/// Which browser origins may open /ws. Browsers always send <c>Origin</c> on WebSocket upgrades, so a page on another
/// site cannot ride a user's network position (cross-site WebSocket hijacking). Allowed: the request's own origin
/// (the built-in page), the configured list (<c>"*"</c> = any), and, unless configured otherwise, no Origin at all
/// (non-browser clients, which could forge any Origin anyway).
/// </summary>
public sealed class OriginPolicy
{
    private readonly HashSet<string> _allowed;
    private readonly bool _any;
    private readonly bool _allowMissing;

    public OriginPolicy(IEnumerable<string> allowedOrigins, bool allowMissingOrigin)
    {
        ArgumentNullException.ThrowIfNull(allowedOrigins);
        _allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var origin in allowedOrigins)
        {
            var trimmed = origin.Trim();
            if (trimmed == "*")
            {
                _any = true;
            }
            else if (trimmed.Length > 0)
            {
                _allowed.Add(Normalize(trimmed));
            }
        }

        _allowMissing = allowMissingOrigin;
    }

    public OriginPolicy(ClientSecuritySettings settings)
        : this((settings ?? throw new ArgumentNullException(nameof(settings))).AllowedOrigins, settings.AllowMissingOrigin)
    {
    }

    /// <param name="origin">The request's Origin header (null or empty when absent).</param>
    /// <param name="requestScheme">http or https (as the client connected: ws maps to http).</param>
    /// <param name="requestHost">The request's Host header, e.g. <c>localhost:5000</c>.</param>
    public bool IsAllowed(string? origin, string requestScheme, string? requestHost)
    {
        if (string.IsNullOrWhiteSpace(origin))
        {
            return _allowMissing;
        }

        if (_any)
        {
            return true;
        }

        var normalized = Normalize(origin.Trim());
        if (_allowed.Contains(normalized))
        {
            return true;
        }

        // Same origin: the page this server serves connects back to the host it came from.
        return !string.IsNullOrEmpty(requestHost)
               && string.Equals(normalized, Normalize(requestScheme + "://" + requestHost), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>scheme://host[:port] in lower case with the default port left out ("null" and opaque origins stay as they are).</summary>
    private static string Normalize(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return origin.TrimEnd('/');
        }

        return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.IdnHost}" : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";
    }
}
