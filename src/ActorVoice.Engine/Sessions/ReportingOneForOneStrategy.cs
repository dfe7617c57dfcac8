using Akka.Actor;
using Akka.Actor.Internal;

namespace ActorVoice.Engine.Sessions;

/// <summary>
/// A bounded one-for-one strategy that also tells the supervisor which child failed and whether it is restarted, so
/// that the supervisor can end the work that child was part of (a restart is otherwise invisible to it).
/// </summary>
internal sealed class ReportingOneForOneStrategy(int maxRetries, TimeSpan within, Func<IActorRef, Exception, Directive> decider, Action<IActorRef, Exception, bool> onFailure)
    : OneForOneStrategy(maxRetries, within, ex => Directive.Escalate)
{
    /// <summary>Decides per child (the plain decider only sees the exception).</summary>
    protected override Directive Handle(IActorRef child, Exception exception) => decider(child, exception);

    public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        onFailure(child, cause, restart);
        base.ProcessFailure(context, restart, child, cause, stats, children);
    }
}
