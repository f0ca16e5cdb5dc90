using System.Diagnostics;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Samples.LoadSimulation;

/// <summary>
/// The BYOK lifecycle on an EXTERNAL key, one call per <see cref="Step"/>: DeleteImportedKeyMaterial, then
/// GetParametersForImport, then ImportKeyMaterial of the same material (a reimport), with ValidTo when the
/// scenario sets an expiry. A key whose material has expired starts at GetParametersForImport. A throttled
/// step is retried at the next step; a failed import fetches fresh parameters.
/// </summary>
public sealed class ByokLifecycle(KmsEngine engine, StatsBoard stats, SimClock clock, TimeSpan? expireAfter)
{
    public const AlgorithmSpec Wrapping = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256;

    /// <summary>Marks <paramref name="key"/> busy and sets where its cycle starts.</summary>
    public void Begin(SimKey key)
    {
        key.Busy = true;
        key.LifecycleStep = key.StateAt(clock.Now) == KeyState.Enabled ? 0 : 1;
    }

    /// <summary>One call of the cycle; the key stops being busy when its material is back.</summary>
    public async Task Step(SimKey key)
    {
        var started = Stopwatch.GetTimestamp();
        switch (key.LifecycleStep)
        {
            case 0:
                await stats.Time(SimOperation.DeleteImportedKeyMaterial, started,
                    engine.DeleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest { KeyId = key.KeyId })).ConfigureAwait(false);
                (key.State, key.ValidTo, key.LifecycleStep) = (KeyState.PendingImport, null, 1);
                break;
            case 1:
                key.Parameters = await stats.Time(SimOperation.GetParametersForImport, started, engine.GetParametersForImport(new GetParametersForImportRequest
                {
                    KeyId = key.KeyId, WrappingAlgorithm = Wrapping, WrappingKeySpec = WrappingKeySpec.RSA_2048,
                })).ConfigureAwait(false);
                if (key.Parameters is not null)
                    key.LifecycleStep = 2;
                break;
            default:
                var imported = await Import(key, key.Parameters!, started).ConfigureAwait(false);
                // A failed import (throttled, token expired) starts again from fresh parameters.
                if (imported)
                    (key.LifecycleStep, key.Busy) = (0, false);
                else
                    key.LifecycleStep = 1;
                break;
        }
    }

    /// <summary>Wraps the key's material under the parameters' public key and imports it; true on success.</summary>
    public async Task<bool> Import(SimKey key, GetParametersForImportResponse parameters, long started)
    {
        var validTo = expireAfter is { } after ? clock.Now + after : (DateTimeOffset?)null;
        var response = await stats.Time(SimOperation.ImportKeyMaterial, started, engine.ImportKeyMaterial(new ImportKeyMaterialRequest
        {
            KeyId = key.KeyId,
            ImportToken = parameters.ImportToken,
            EncryptedKeyMaterial = KeyMaterialWrapper.Wrap(parameters.PublicKey!, Wrapping, key.Material!),
            ExpirationModel = validTo is null ? ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE : ExpirationModelType.KEY_MATERIAL_EXPIRES,
            ValidTo = validTo,
        })).ConfigureAwait(false);
        if (response is null)
            return false;
        (key.State, key.ValidTo) = (KeyState.Enabled, validTo);
        return true;
    }
}
