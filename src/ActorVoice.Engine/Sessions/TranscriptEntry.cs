namespace ActorVoice.Engine.Sessions;

/// <summary>One line of a session's transcript log: what the user said, or the part of an answer the user heard.</summary>
/// <param name="TurnNumber">The turn it belongs to.</param>
/// <param name="Role"><c>user</c> or <c>assistant</c>.</param>
/// <param name="Text">The user's final transcript, or the assistant's heard answer.</param>
public sealed record TranscriptEntry(int TurnNumber, string Role, string Text)
{
    public const string User = "user";
    public const string Assistant = "assistant";
}
