namespace ActorVoice.LocalServer.Hosting;

/// <summary>One text frame on a session's socket, as observed by <see cref="LocalRealtimeServer.FrameObserver"/>.</summary>
public sealed record RealtimeFrame(string SessionId, bool FromClient, string Json);
