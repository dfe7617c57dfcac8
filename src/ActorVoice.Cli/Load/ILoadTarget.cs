namespace ActorVoice.Cli.Load;

/// <summary>A running server the simulated clients connect to (the serve host, started in this process).</summary>
public interface ILoadTarget : IAsyncDisposable
{
    /// <summary>The client endpoint, token included (<c>ws://127.0.0.1:PORT/ws?token=…</c>).</summary>
    Uri ClientUri { get; }

    /// <summary>What the target is, for the report (e.g. "actorvoice serve, local realtime server").</summary>
    string Description { get; }
}
