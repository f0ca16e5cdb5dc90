using Akka.Actor;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>
/// The region used to stop an idle key with a PoisonPill. When the key's own timer (a deletion date, an expiry) or a
/// last call had just started a persist, the PoisonPill stopped the actor before the persist's handler ran: the
/// reply or the DeleteKey / DeleteExpiredKeyMaterial audit record was lost. Keys now stop on StopPassivated, a command
/// a persistent actor stashes until the persist completes.
/// </summary>
public sealed class Bug_passivation_stopped_a_key_in_the_middle_of_a_persist : KeyActorFixture
{
    [Fact]
    public void a_call_being_persisted_when_the_key_is_told_to_stop_is_still_answered()
    {
        var (key, _) = CreateKey(new CreateKeyRequest());
        Watch(key);

        key.Tell(Command(new DisableKeyRequest { KeyId = "k" }));
        key.Tell(StopPassivated.Instance);

        ExpectMsg<EmptyResponse>();
        ExpectTerminated(key);
    }
}
