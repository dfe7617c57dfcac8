using Akka.Actor;
using ActorVoice.Engine.Live;
using ActorVoice.Hosting.Sessions;

namespace ActorVoice.Cli.Talk;

/// <summary>TEMPORARY until step9-live is merged: its VoiceSessions.StartLiveAsync (an instance method) replaces this.</summary>
internal static class LiveSessionShim
{
    public static Task<IActorRef> StartLiveAsync(this VoiceSessions sessions, IActorRef? observer, string name, LiveAudio audio, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Live sessions need step9-live (VoiceSessions.StartLiveAsync).");
}
