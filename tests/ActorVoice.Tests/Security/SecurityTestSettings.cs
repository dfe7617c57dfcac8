using ActorVoice.Hosting.Configuration;
using ActorVoice.Server.Security;

namespace ActorVoice.Tests.Security;

/// <summary>Security settings from the reference config with a few HOCON overrides.</summary>
internal static class SecurityTestSettings
{
    public const string Token = "s3cret-token-for-tests";

    public static ServeSecuritySettings With(params string[] overrides) =>
        ServeSecuritySettings.Create(Akka.Configuration.ConfigurationFactory.ParseString(string.Join('\n', overrides)));

    public static ServeSecuritySettings WithToken(params string[] overrides) =>
        With([ActorVoiceConfig.Assign("actorvoice.serve.security.token", Token), .. overrides]);
}
