using Akka.Actor;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Tests.Turns;

public sealed class TurnCompletionOrderSpec : TurnActorHarness
{
    [Fact]
    public async Task The_session_should_hear_of_a_finished_turn_before_the_one_who_asked_for_it()
    {
        // The requester is the session itself here, so both messages land in one mailbox and their order is visible.
        Turn.Tell(new TurnActor.BeginTurn("t1", Parent.Ref));
        await InStateAsync("listening");

        Turn.Tell(new TurnActor.Abort("the realtime connection ended"));

        var first = await Parent.ExpectMsgAsync<TurnCompleted>();
        var reply = await Parent.ExpectMsgAsync<TurnResult>();
        Assert.Same(first.Result, reply);
        Assert.Equal("the realtime connection ended", reply.Error);
    }
}
