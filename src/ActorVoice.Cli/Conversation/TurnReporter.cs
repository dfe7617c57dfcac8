using Akka.Actor;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Cli.Conversation;

/// <summary>Prints a turn's live partial transcript as it grows, then the final transcript.</summary>
public sealed class TurnReporter : ReceiveActor
{
    public TurnReporter(TextWriter output)
    {
        var lastPartial = string.Empty;
        Receive<PartialTranscript>(p =>
        {
            if (p.Text != lastPartial)
            {
                lastPartial = p.Text;
                output.WriteLine($"  … {p.Text}");
            }
        });
        Receive<FinalTranscript>(f =>
        {
            lastPartial = string.Empty;
            output.WriteLine($"  heard: \"{f.Text}\"");
        });
        Receive<SessionActor.SessionFailed>(f => output.WriteLine($"  session failed: {f.Reason}"));
        ReceiveAny(_ => { });
    }

    public static Props Props(TextWriter output) => Akka.Actor.Props.Create(() => new TurnReporter(output));
}
