using Akka.Configuration;
using ActorVoice.Engine.Configuration;

namespace ActorVoice.Tests.Turns;

/// <summary>Engine settings as the embedded reference configuration defines them (the defaults the engine runs with).</summary>
internal static class ReferenceSettings
{
    public static EngineSettings Engine { get; } = EngineSettings.Create(ConfigurationFactory.Empty);
}
