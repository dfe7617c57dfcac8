using System.Net;
using ActorVoice.Server.Security;
using Microsoft.AspNetCore.Http;

namespace ActorVoice.Tests.Security;

public sealed class ClientAdmissionSpec
{
    private static ClientAdmission Admission(ServeSecuritySettings settings) =>
        new(settings, new ClientTokens(settings.Security, TimeProvider.System, _ => null));

    private static DefaultHttpContext Request(string? query = null, string? bearer = null, string? origin = null, string remote = "127.0.0.1")
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost:5000");
        context.Request.Path = "/ws";
        context.Request.QueryString = query is null ? QueryString.Empty : new QueryString("?token=" + Uri.EscapeDataString(query));
        if (bearer is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + bearer;
        }

        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        return context;
    }

    [Fact]
    public void Client_without_or_with_a_wrong_token_should_be_refused_with_4401()
    {
        var admission = Admission(SecurityTestSettings.WithToken());

        Assert.Equal(CloseCodes.Unauthorized, admission.Check(Request()).CloseCode);
        Assert.Equal(CloseCodes.Unauthorized, admission.Check(Request(query: "wrong")).CloseCode);
        Assert.True(admission.Check(Request(query: SecurityTestSettings.Token)).Allowed);
        Assert.True(admission.Check(Request(bearer: SecurityTestSettings.Token)).Allowed);
    }

    [Fact]
    public void Refusal_reasons_should_never_repeat_the_token()
    {
        var admission = Admission(SecurityTestSettings.WithToken());

        var refusal = admission.Check(Request(query: "almost-" + SecurityTestSettings.Token));

        Assert.DoesNotContain(SecurityTestSettings.Token, refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Foreign_origin_should_be_refused_with_4403_after_authentication()
    {
        var admission = Admission(SecurityTestSettings.WithToken());

        Assert.Equal(CloseCodes.OriginNotAllowed, admission.Check(Request(query: SecurityTestSettings.Token, origin: "http://evil.example")).CloseCode);
        Assert.Equal(CloseCodes.Unauthorized, admission.Check(Request(origin: "http://evil.example")).CloseCode);
        Assert.True(admission.Check(Request(query: SecurityTestSettings.Token, origin: "http://localhost:5000")).Allowed);
    }

    [Fact]
    public void Without_a_configured_token_only_loopback_clients_should_be_admitted()
    {
        var admission = Admission(SecurityTestSettings.With());

        Assert.True(admission.Check(Request()).Allowed);
        Assert.True(admission.Check(Request(remote: "::1")).Allowed);
        Assert.True(admission.Check(Request(remote: "::ffff:127.0.0.1")).Allowed);
        Assert.Equal(CloseCodes.Unauthorized, admission.Check(Request(remote: "10.0.0.7")).CloseCode);
    }

    [Fact]
    public void Full_or_draining_server_should_refuse_with_4503_and_a_released_slot_should_admit_again()
    {
        var admission = Admission(SecurityTestSettings.WithToken("actorvoice.serve.limits.max-sessions = 2"));
        var request = Request(query: SecurityTestSettings.Token);

        using var first = admission.Admit();
        var second = admission.TryAdmit();
        Assert.NotNull(second);
        Assert.Null(admission.TryAdmit());
        var full = admission.Check(request);
        Assert.Equal(CloseCodes.ServerFull, full.CloseCode);
        Assert.Equal("server full", full.Reason);

        second!.Dispose();
        second.Dispose(); // twice counts once
        Assert.Equal(1, admission.ActiveSessions);
        Assert.True(admission.Check(request).Allowed);

        admission.Draining = true;
        Assert.Equal("server draining", admission.Check(request).Reason);
        Assert.Null(admission.TryAdmit());
    }
}
