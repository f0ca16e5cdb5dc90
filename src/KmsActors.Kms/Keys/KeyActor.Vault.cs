using Akka.Actor;
using Akka.Event;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

// Waiting for the vault without blocking (docs/persistence.md, "Nothing blocks an actor"). Storing a new data key
// (where the journal does not write it in its own transaction), opening data keys at recovery and shredding them are
// database round trips: they run on the vault's threads and this key waits for the outcome piped to itself. Meanwhile
// it holds every other message in its stash, in order, as behind its own writes (KeyActor.DirectPath.cs), so nothing
// overtakes the call that waits (a new data key is durable before the event that uses it, a shredded one is gone before
// the caller hears of it), at most kms.max-held-calls-per-key API calls (more are throttled). Other keys go on.
public sealed partial class KeyActor
{
    /// <summary>What runs once the vault has answered; null while the key waits for nothing.</summary>
    private VaultWait? _vaultWait;

    /// <summary>Vault work started since it was last awaited (data keys being stored, shreds); null when none.</summary>
    private List<Task>? _vaultWork;

    private sealed record VaultWait(Action Then, Action<Exception> Failed);

    /// <summary>The vault's answer to the work the key waits for: null, or why it failed.</summary>
    private sealed record VaultAnswered(Exception? Error);

    /// <summary>Remembers vault work this key must see done before it goes on (see <see cref="TakeVaultWork"/>).</summary>
    private void Track(Task work)
    {
        if (!work.IsCompletedSuccessfully)
            (_vaultWork ??= []).Add(work);
    }

    /// <summary>The vault work tracked so far, as one task (completed when there is none).</summary>
    private Task TakeVaultWork()
    {
        if (_vaultWork is not { Count: > 0 } work)
            return Task.CompletedTask;
        _vaultWork = null;
        return work.Count == 1 ? work[0] : Task.WhenAll(work);
    }

    /// <summary>Runs <paramref name="then"/> once <paramref name="work"/> is done: at once when it already is (an in-memory
    /// store), else when its outcome comes back as a message, holding everything else meanwhile.</summary>
    private void AfterVault(Task work, Action then, Action<Exception> failed)
    {
        if (work.IsCompletedSuccessfully)
        {
            then();
            return;
        }
        if (work.IsCompleted)
        {
            failed(Failure(work));
            return;
        }
        _vaultWait = new VaultWait(then, failed);
        _pipeline.WriteStarted(); // everything else waits in the key's stash (HeldBehindWrite), bounded as behind a write
        work.ContinueWith(static t => (object)new VaultAnswered(t.IsCompletedSuccessfully ? null : Failure(t)),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).PipeTo(Self);
    }

    private static Exception Failure(Task work) =>
        work.Exception?.GetBaseException() ?? new TaskCanceledException("The vault stopped before it answered.");

    /// <summary>The vault's answer the key waits for: the hold ends, the held messages go back to the front of the
    /// mailbox in their order (<see cref="Persistence.PipelineGate.Release"/>) and what waited for the answer runs.</summary>
    private bool OnVaultAnswered(object message)
    {
        if (message is not VaultAnswered answered || _vaultWait is not { } wait)
            return false;
        _vaultWait = null;
        _pipeline.WriteEnded();
        try
        {
            if (answered.Error is null)
                wait.Then();
            else
                wait.Failed(answered.Error);
        }
        finally
        {
            _pipeline.Release(Stash); // unless what ran started a write or another wait: then after that
        }
        return true;
    }

    /// <summary>Stands for material that is present but still sealed while the key replays its journal (so the rules see
    /// it present, as they will once it is opened); never used as material: <see cref="OpenRecovered"/> replaces it.</summary>
    private static readonly byte[] SealedPlaceholder = [];

    private IKeyEvent StillSealed(IKeyEvent e) => e switch
    {
        KeyCreated x => x with { Key = StillSealed(x.Key) },
        KeyMaterialImported { SealedMaterial: not null, Material: null } x => x with { Material = SealedPlaceholder },
        KeyRotated { SealedGeneratedMaterial: not null, GeneratedMaterial: null } x => x with { GeneratedMaterial = SealedPlaceholder },
        _ => e,
    };

    private static KmsKey StillSealed(KmsKey key) => key.Materials.Any(IsStillSealed)
        ? key with { Materials = [.. key.Materials.Select(m => IsStillSealed(m) ? m with { Material = SealedPlaceholder } : m)] }
        : key;

    private static bool IsStillSealed(KeyMaterialEntry m) => m is { SealedMaterial: not null, Material: null };

    /// <summary>At the end of recovery: waits for the shreds that replayed events asked for and opens the material of the
    /// recovered state (replayed still sealed, see <see cref="StillSealed(IKeyEvent)"/>), then <see cref="OnRecovered"/>.</summary>
    private void OpenRecovered()
    {
        var log = Context.GetLogger();
        // A shred that fails is logged, not a reason to refuse the key: its event stands, and the next recovery shreds again.
        var shreds = TakeVaultWork().ContinueWith(t =>
        {
            if (!t.IsCompletedSuccessfully)
                log.Error(Failure(t), "Key {0}: could not shred a material data key", _arn);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var wanted = _deleted || _key is null
            ? []
            : _key.Materials.Where(m => m.SealedMaterial is not null && ReferenceEquals(m.Material, SealedPlaceholder) && !_dataKeys.TryGetValue(m.SealedMaterial.DataKeyId, out _))
                .Select(m => (m.SealedMaterial!.DataKeyId, m.KeyMaterialId)).Distinct().ToList();
        if (wanted.Count == 0)
        {
            AfterVault(shreds, () =>
            {
                if (_key is not null && !_deleted)
                    _key = Opened(_key);
                OnRecovered();
            }, RecoveryFailed);
            return;
        }
        var opening = _services.Vault.OpenDataKeysAsync(_arn, wanted);
        AfterVault(Task.WhenAll(shreds, opening), () =>
        {
            var dataKeys = opening.Result; // completed: AfterVault runs this only then
            for (var i = 0; i < wanted.Count; i++)
                _dataKeys[wanted[i].DataKeyId] = dataKeys[i];
            _key = Opened(_key!);
            OnRecovered();
        }, RecoveryFailed);
    }

    /// <summary>As a recovery failure: the key stops, and starts again from its journal on its next call.</summary>
    private void RecoveryFailed(Exception error)
    {
        Context.GetLogger().Error(error, "Key {0}: its key material could not be opened", _arn);
        Context.Stop(Self);
    }

    /// <summary>A write whose data keys could not be stored did not happen: its caller hears KMSInternalException, and a key
    /// that was being created is not.</summary>
    private void DataKeysNotStored(Exception error, Action<KmsException>? onFailure)
    {
        Context.GetLogger().Error(error, "Key {0}: could not store the data key of new key material", _arn);
        onFailure?.Invoke(KmsException.Internal($"{_arn}: the key material could not be stored."));
        if (_key is not null)
            return;
        ToRegion(new KeyCreationFailed(_keyId));
        Context.Stop(Self);
    }
}
