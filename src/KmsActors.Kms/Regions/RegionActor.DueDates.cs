using Akka.Actor;
using Akka.Event;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Regions;

// Waking passivated keys on time: material expiry (ValidTo) and the end of a deletion waiting period happen even
// for a key nobody calls. One timer, for the earliest due date of a key that is not running.
public sealed partial class RegionActor
{
    private const string DueTimer = "due-dates";
    /// <summary>Timers are armed at most this far ahead and re-armed when they fire, so long delays stay exact.</summary>
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(30);

    private sealed record DueTick
    {
        public static readonly DueTick Instance = new();
    }

    /// <param name="afterTick">Right after waking: a key still due now could not be started; retry in a minute, not in a loop.</param>
    private void RearmDueTimer(bool afterTick = false)
    {
        foreach (var (due, keyId) in _index.DueDates)
        {
            if (_live.ContainsKey(keyId))
                continue; // a running key keeps its own timer
            var delay = due - Now;
            if (delay <= TimeSpan.Zero && afterTick)
                Timers.StartSingleTimer(DueTimer, DueTick.Instance, TimeSpan.FromMinutes(1));
            else if (delay <= TimeSpan.Zero)
            {
                Timers.Cancel(DueTimer);
                Self.Tell(DueTick.Instance);
            }
            else
                Timers.StartSingleTimer(DueTimer, DueTick.Instance, delay < MaxTimerDelay ? delay : MaxTimerDelay);
            return;
        }
        Timers.Cancel(DueTimer);
    }

    private void OnDueTick()
    {
        var now = Now;
        var due = _index.DueDates.TakeWhile(entry => entry.Due <= now)
            .Where(entry => !_live.ContainsKey(entry.KeyId))
            .Select(entry => entry.KeyId)
            .ToList();
        foreach (var keyId in due)
        {
            try
            {
                Deliver(keyId, new WakeUp(keyId), ActorRefs.Nobody);
            }
            catch (KmsException error)
            {
                Context.GetLogger().Error(error, "Region {0}: could not wake key {1}", PersistenceId, keyId);
            }
        }
        RearmDueTimer(afterTick: true);
    }
}
