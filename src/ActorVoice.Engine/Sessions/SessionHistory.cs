namespace ActorVoice.Engine.Sessions;

/// <summary>
/// Where a session that moved takes up the conversation: the transcript log it had (put into its first realtime
/// connection as context, as after a reconnection) and the number of its last turn (its turns go on counting from there).
/// </summary>
/// <param name="Entries">The transcript log, oldest first.</param>
/// <param name="LastTurnNumber">The number of the last turn the session had; 0 for none.</param>
public sealed record SessionHistory(IReadOnlyList<TranscriptEntry> Entries, int LastTurnNumber)
{
    /// <summary>A session with no past.</summary>
    public static SessionHistory Empty { get; } = new([], 0);
}
