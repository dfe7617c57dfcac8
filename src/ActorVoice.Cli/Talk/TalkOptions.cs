namespace ActorVoice.Cli.Talk;

/// <summary>What <c>actorvoice talk</c> was asked for.</summary>
/// <param name="InputDevice">The microphone's index or name; null: the default input.</param>
/// <param name="OutputDevice">The speaker's index or name; null: the default output.</param>
/// <param name="Docs">The documents to index, or null with an existing <paramref name="IndexFolder"/>.</param>
/// <param name="IndexFolder">Where the index is (or is built).</param>
/// <param name="Duration">When to end on its own; null: at Ctrl+C only.</param>
/// <param name="Verbose">Log state transitions to stderr.</param>
internal sealed record TalkOptions(string? InputDevice, string? OutputDevice, string? Docs, string IndexFolder, TimeSpan? Duration, bool Verbose);
