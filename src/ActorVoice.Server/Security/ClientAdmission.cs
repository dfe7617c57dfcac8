using System.Net;
using Microsoft.AspNetCore.Http;

namespace ActorVoice.Server.Security;

/// <summary>
/// The /ws gate, checked before a session starts: the client's token, its Origin, and room on the server (not draining,
/// under <c>max-sessions</c>). In that order, so a client that cannot authenticate learns nothing about the server's load.
/// With no token configured only loopback peers are admitted (the server also refuses to start on another address:
/// <see cref="ServeBindingCheck"/>). Thread-safe; one per server.
/// </summary>
public sealed class ClientAdmission
{
    /// <summary>Subprotocol prefix that carries a token from browsers, which cannot set headers on a WebSocket.</summary>
    public const string TokenSubprotocolPrefix = "actorvoice.token.";

    private readonly ClientTokens _tokens;
    private readonly OriginPolicy _origins;
    private readonly int _maxSessions;
    private int _active;
    private volatile bool _draining;

    public ClientAdmission(ServeSecuritySettings settings, ClientTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens = tokens;
        _origins = new OriginPolicy(settings.Security);
        _maxSessions = settings.Limits.MaxSessions;
    }

    /// <summary>Set while the server drains (SIGTERM): new clients are closed with 4503.</summary>
    public bool Draining
    {
        get => _draining;
        set => _draining = value;
    }

    /// <summary>Sessions admitted and not yet disposed.</summary>
    public int ActiveSessions => Volatile.Read(ref _active);

    public int MaxSessions => _maxSessions;

    /// <summary>Decides whether the client of <paramref name="context"/> may start a session (does not count it: <see cref="Admit"/>).</summary>
    public Admission Check(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (token, subprotocol) = PresentedToken(context);
        if (_tokens.HasConfiguredToken)
        {
            if (!_tokens.IsValid(token))
            {
                return Admission.Refuse(CloseCodes.Unauthorized, token is null ? "unauthorized: no token" : "unauthorized: invalid or expired token", subprotocol);
            }
        }
        else if (!IsLoopback(context.Connection.RemoteIpAddress) && !_tokens.IsValid(token))
        {
            // No shared secret: the server is for this machine only (a minted token still works, it was asked for locally).
            return Admission.Refuse(CloseCodes.Unauthorized, "unauthorized: no token configured, loopback clients only", subprotocol);
        }

        var request = context.Request;
        if (!_origins.IsAllowed(request.Headers.Origin.ToString(), request.Scheme, request.Host.Value))
        {
            return Admission.Refuse(CloseCodes.OriginNotAllowed, "origin not allowed", subprotocol);
        }

        if (_draining)
        {
            return Admission.Refuse(CloseCodes.ServerFull, "server draining", subprotocol);
        }

        if (ActiveSessions >= _maxSessions)
        {
            return Admission.Refuse(CloseCodes.ServerFull, "server full", subprotocol);
        }

        return Admission.Allow(subprotocol);
    }

    /// <summary>
    /// Counts an admitted session until the result is disposed. Check and Admit are two steps, so a burst of
    /// simultaneous clients can overshoot <c>max-sessions</c> by the number racing; <see cref="TryAdmit"/> cannot.
    /// </summary>
    public IDisposable Admit()
    {
        Interlocked.Increment(ref _active);
        return new Slot(this);
    }

    /// <summary>Counts a session only if there is room (atomic); null when the server is full or draining.</summary>
    public IDisposable? TryAdmit()
    {
        while (true)
        {
            var current = Volatile.Read(ref _active);
            if (_draining || current >= _maxSessions)
            {
                return null;
            }

            if (Interlocked.CompareExchange(ref _active, current + 1, current) == current)
            {
                return new Slot(this);
            }
        }
    }

    /// <summary>
    /// The token a client presented, first found of: query <c>?token=</c>, subprotocol <c>actorvoice.token.&lt;t&gt;</c>,
    /// <c>Authorization: Bearer &lt;t&gt;</c>; with the subprotocol to echo (if the client offered one of ours).
    /// </summary>
    public static (string? Token, string? Subprotocol) PresentedToken(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? subprotocol = null;
        string? fromSubprotocol = null;
        if (context.WebSockets.IsWebSocketRequest)
        {
            foreach (var offered in context.WebSockets.WebSocketRequestedProtocols)
            {
                if (offered.StartsWith(TokenSubprotocolPrefix, StringComparison.Ordinal))
                {
                    subprotocol = offered;
                    fromSubprotocol = offered[TokenSubprotocolPrefix.Length..];
                    break;
                }
            }
        }

        var query = context.Request.Query["token"].ToString();
        if (query.Length > 0)
        {
            return (query, subprotocol);
        }

        if (!string.IsNullOrEmpty(fromSubprotocol))
        {
            return (fromSubprotocol, subprotocol);
        }

        return (BearerToken(context.Request), subprotocol);
    }

    /// <summary>The token of an <c>Authorization: Bearer</c> header, or null.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header.Length > scheme.Length
            ? header[scheme.Length..].Trim()
            : null;
    }

    /// <summary>Whether the peer is this machine (IPv4-mapped loopback included).</summary>
    public static bool IsLoopback(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        return IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }

    private void Release() => Interlocked.Decrement(ref _active);

    private sealed class Slot(ClientAdmission owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release();
            }
        }
    }
}
