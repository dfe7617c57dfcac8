namespace ActorVoice.Server.Page;

/// <summary>One file of the built-in page, read once from the assembly's embedded resources.</summary>
internal sealed record PageAsset(string Path, string ContentType, byte[] Content, string ETag);
