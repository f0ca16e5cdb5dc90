using Akka.Actor;
using Akka.Persistence;

namespace KmsActors.TestKit.Tests.Foundation;

public sealed class VirtualTimeTests : KmsTestKit
{
    [Fact]
    public async Task a_365_day_timer_fires_only_when_virtual_time_passes_it()
    {
        var actor = Sys.ActorOf(ReminderActor.Props("timer"));
        SettleOn(actor);
        var armed = (await actor.Ask<ReminderActor.Armed>(new ReminderActor.Arm(TimeSpan.FromDays(365))));

        Advance(TimeSpan.FromDays(365) - TimeSpan.FromSeconds(1));
        Assert.Empty((await actor.Ask<ReminderActor.State>(new ReminderActor.GetState())).FiredAt);

        Advance(TimeSpan.FromSeconds(1));
        var state = (await actor.Ask<ReminderActor.State>(new ReminderActor.GetState()));
        Assert.Equal([armed.DueAt], state.FiredAt);
        Assert.Null(state.DueAt);
    }

    [Fact]
    public async Task the_event_persisted_by_the_timer_is_recovered_after_a_restart_on_the_in_memory_journal()
    {
        var actor = Sys.ActorOf(ReminderActor.Props("restart"));
        SettleOn(actor);
        await actor.Ask<ReminderActor.Armed>(new ReminderActor.Arm(TimeSpan.FromDays(365)));
        Advance(TimeSpan.FromDays(366));
        var before = (await actor.Ask<ReminderActor.State>(new ReminderActor.GetState()));
        Assert.Single(before.FiredAt);

        Watch(actor);
        actor.Tell(PoisonPill.Instance);
        ExpectTerminated(actor);

        var recovered = Sys.ActorOf(ReminderActor.Props("restart"));
        var after = (await recovered.Ask<ReminderActor.State>(new ReminderActor.GetState()));
        Assert.Equal(before.FiredAt, after.FiredAt);
        Assert.Null(after.DueAt);
    }

    [Fact]
    public async Task a_timer_armed_before_a_restart_is_armed_again_from_recovered_state()
    {
        var actor = Sys.ActorOf(ReminderActor.Props("rearm"));
        var armed = (await actor.Ask<ReminderActor.Armed>(new ReminderActor.Arm(TimeSpan.FromDays(365))));
        Watch(actor);
        actor.Tell(PoisonPill.Instance);
        ExpectTerminated(actor);

        var recovered = Sys.ActorOf(ReminderActor.Props("rearm"));
        SettleOn(recovered);
        Assert.Equal(armed.DueAt, (await recovered.Ask<ReminderActor.State>(new ReminderActor.GetState())).DueAt);

        Advance(TimeSpan.FromDays(365));
        Assert.Equal([armed.DueAt], (await recovered.Ask<ReminderActor.State>(new ReminderActor.GetState())).FiredAt);
    }
}
