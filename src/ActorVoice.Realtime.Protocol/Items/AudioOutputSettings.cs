using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.Realtime.Protocol.Items;

/// <summary>The <c>audio</c> of a response object: <c>{"output":{"format":…,"voice":…}}</c>.</summary>
public sealed record AudioOutputSettings
{
    public AudioOutputConfig? Output { get; init; }
}
