using System.Text;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.LocalServer.Sessions.Responses;

/// <summary>
/// A response being synthesized: what it produces, how to stop its synthesis, and what the loop has sent of it. Only
/// <see cref="Cancellation"/>'s token and the immutable parts are read off the session's loop.
/// </summary>
internal sealed class ActiveResponse(ResponseHeader header, ConversationItem item, bool audio, string? previousItemId)
{
    public ResponseHeader Header { get; } = header;

    public string ResponseId => Header.ResponseId;

    /// <summary>The assistant item as first announced (in progress, no content).</summary>
    public ConversationItem Item { get; } = item;

    public string ItemId => Item.Id!;

    /// <summary>Audio (with a transcript) or text only.</summary>
    public bool Audio { get; } = audio;

    /// <summary>The item before this response's item when it was added (null outside the default conversation).</summary>
    public string? PreviousItemId { get; } = previousItemId;

    /// <summary>Stops the synthesis task; the loop has already closed the response when this fires.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>The transcript or text sent so far. Loop only.</summary>
    public StringBuilder Spoken { get; } = new();

    /// <summary>
    /// Set on the loop once <c>response.done</c> was sent (completed, cancelled or failed): output of its synthesis
    /// still on its way to the loop is dropped, never sent.
    /// </summary>
    public bool Closed { get; set; }
}
