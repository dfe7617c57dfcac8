namespace ActorVoice.Engine.Playback;

/// <summary>
/// Assistant audio on its way to the output device, decoded once where it arrives (PCM16 at the wire rate): a chunk of
/// <see cref="Samples"/> for <see cref="ItemId"/> of response <see cref="ResponseId"/>, or (<see cref="IsEnd"/>) the
/// mark that the response is done and no more of its audio follows.
/// </summary>
public sealed record AssistantAudio(string ResponseId, string? ItemId, short[] Samples, bool IsEnd)
{
    public static AssistantAudio Chunk(string responseId, string itemId, short[] samples) => new(responseId, itemId, samples, IsEnd: false);

    public static AssistantAudio End(string responseId) => new(responseId, null, [], IsEnd: true);
}
