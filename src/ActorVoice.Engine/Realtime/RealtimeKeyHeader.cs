namespace ActorVoice.Engine.Realtime;

/// <summary>How a Realtime endpoint expects its key (<c>actorvoice.engine.realtime.api-key-header</c>).</summary>
public enum RealtimeKeyHeader
{
    /// <summary><c>Authorization: Bearer &lt;key&gt;</c>: OpenAI, ActorVoice's local server, most proxies.</summary>
    Bearer,

    /// <summary><c>api-key: &lt;key&gt;</c>: Azure OpenAI's key header.</summary>
    ApiKey,
}
