namespace ActorVoice.Server.Sessions;

/// <summary>A client's running session, wherever it runs. Disposing it ends the session.</summary>
internal interface IPlacedSession : IDisposable
{
    /// <summary>The turn in progress ends now with the spoken fallback notice (a drain deadline is near).</summary>
    void EndTurn(string reason);

    /// <summary>
    /// A microphone frame arrived (called for every frame: must be cheap). A session whose node was lost is placed
    /// again here, on the client's next frame.
    /// </summary>
    void OnFrame();
}
