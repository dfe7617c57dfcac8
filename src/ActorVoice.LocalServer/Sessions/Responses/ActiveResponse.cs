namespace ActorVoice.LocalServer.Sessions.Responses;

/// <summary>A response being synthesized: what it produces and how to stop it.</summary>
internal sealed class ActiveResponse(ResponseHeader header, string itemId, bool audio)
{
    public ResponseHeader Header { get; } = header;

    public string ResponseId => Header.ResponseId;

    public string ItemId { get; } = itemId;

    /// <summary>Audio (with a transcript) or text only.</summary>
    public bool Audio { get; } = audio;

    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Why it was cancelled (<c>client_cancelled</c>, <c>turn_detected</c>); read once it stopped.</summary>
    public string? CancelReason { get; set; }
}
