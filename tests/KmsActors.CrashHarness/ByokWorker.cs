using System.Globalization;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.CrashHarness;

/// <summary>
/// One client: owns some keys (no other worker touches them, so a key has at most one call in flight) and runs
/// only calls its view of their states says must succeed. Each call is written as BEGIN before and ACK after it
/// returned; a call that fails is written as ERROR and ends the worker, since its view can no longer be trusted.
/// </summary>
internal sealed class ByokWorker(int id, KmsEngine engine, AckLog log, Random random, int maxKeys, List<OwnedKey> keys, string aliasPrefix)
{
    private int _created;
    private int _aliases;

    public async Task Run()
    {
        try
        {
            while (true)
            {
                if (keys.Count < maxKeys && (keys.Count == 0 || random.Next(8) == 0))
                    await CreateKey();
                else
                    await Step(keys[random.Next(keys.Count)]);
            }
        }
        catch (Exception error)
        {
            log.Write(new AckLine(AckLine.Error, id, "-", "-", [error.GetType().Name + ": " + error.Message.ReplaceLineEndings(" ")]));
        }
    }

    private async Task CreateKey()
    {
        var description = $"crash worker {id} key {_created++}";
        log.Write(new AckLine(AckLine.Begin, id, ByokOp.CreateKey, "-", [description]));
        var created = await engine.CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL, Description = description });
        var keyId = created.KeyMetadata!.KeyId!;
        Ack(ByokOp.CreateKey, keyId, description);
        keys.Add(new OwnedKey(keyId, KeyState.PendingImport));
    }

    private Task Step(OwnedKey key)
    {
        var roll = random.Next(100);
        return key.State switch
        {
            KeyState.PendingImport => roll < 70 ? Import(key) : Metadata(key, roll),
            KeyState.Enabled => roll switch
            {
                < 35 => Encrypt(key),
                < 50 => Change(key, ByokOp.DeleteMaterial, KeyState.PendingImport, () => engine.DeleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest { KeyId = key.Id })),
                < 62 => Change(key, ByokOp.Disable, KeyState.Disabled, () => engine.DisableKey(new DisableKeyRequest { KeyId = key.Id })),
                < 64 => ScheduleDeletion(key),
                _ => Metadata(key, roll),
            },
            KeyState.Disabled => roll switch
            {
                < 45 => Change(key, ByokOp.Enable, KeyState.Enabled, () => engine.EnableKey(new EnableKeyRequest { KeyId = key.Id })),
                < 60 => Change(key, ByokOp.DeleteMaterial, KeyState.PendingImport, () => engine.DeleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest { KeyId = key.Id })),
                < 62 => ScheduleDeletion(key),
                _ => Metadata(key, roll),
            },
            // AWS: CancelKeyDeletion leaves the key Disabled.
            KeyState.PendingDeletion => Change(key, ByokOp.CancelDeletion, KeyState.Disabled, () => engine.CancelKeyDeletion(new CancelKeyDeletionRequest { KeyId = key.Id })),
            _ => throw new InvalidOperationException($"Key {key.Id} is {key.State}, which the harness never causes."),
        };
    }

    /// <summary>GetParametersForImport, wrap the key's own material as a client does, ImportKeyMaterial: half the
    /// imports expire (far ahead: the test never waits for expiry), half do not.</summary>
    private async Task Import(OwnedKey key)
    {
        DateTimeOffset? validTo = random.Next(2) == 0
            ? DateTimeOffset.FromUnixTimeSeconds(engine.System.Scheduler.Now.AddDays(100 + random.Next(200)).ToUnixTimeSeconds())
            : null;
        var validToArg = validTo?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? "none";
        log.Write(new AckLine(AckLine.Begin, id, ByokOp.Import, key.Id, [validToArg]));
        var parameters = await engine.GetParametersForImport(new GetParametersForImportRequest
        {
            KeyId = key.Id,
            WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256,
            WrappingKeySpec = WrappingKeySpec.RSA_2048,
        });
        await engine.ImportKeyMaterial(new ImportKeyMaterialRequest
        {
            KeyId = key.Id,
            ImportToken = parameters.ImportToken,
            EncryptedKeyMaterial = KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSAES_OAEP_SHA_256, ByokOp.MaterialOf(key.Id)),
            ExpirationModel = validTo is null ? ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE : ExpirationModelType.KEY_MATERIAL_EXPIRES,
            ValidTo = validTo,
        });
        key.State = KeyState.Enabled;
        Ack(ByokOp.Import, key.Id, validToArg);
    }

    private async Task Encrypt(OwnedKey key)
    {
        var plaintext = new byte[1 + random.Next(48)];
        random.NextBytes(plaintext);
        log.Write(new AckLine(AckLine.Begin, id, ByokOp.Encrypt, key.Id, []));
        var blob = (await engine.Encrypt(new EncryptRequest { KeyId = key.Id, Plaintext = plaintext })).CiphertextBlob!;
        Ack(ByokOp.Encrypt, key.Id, Convert.ToBase64String(plaintext), Convert.ToBase64String(blob));
    }

    private async Task ScheduleDeletion(OwnedKey key)
    {
        var days = 7 + random.Next(24);
        var arg = days.ToString(CultureInfo.InvariantCulture);
        log.Write(new AckLine(AckLine.Begin, id, ByokOp.ScheduleDeletion, key.Id, [arg]));
        await engine.ScheduleKeyDeletion(new ScheduleKeyDeletionRequest { KeyId = key.Id, PendingWindowInDays = days });
        key.State = KeyState.PendingDeletion;
        Ack(ByokOp.ScheduleDeletion, key.Id, arg);
    }

    /// <summary>Tags, description and aliases: allowed in every state the harness leaves a key in but PendingDeletion.</summary>
    private async Task Metadata(OwnedKey key, int roll)
    {
        string op, arg1, arg2 = "";
        object request;
        if (roll % 3 == 0 && key.Aliases < 3)
        {
            (op, arg1) = (ByokOp.Alias, $"{aliasPrefix}-{_aliases++}");
            request = new CreateAliasRequest { AliasName = arg1, TargetKeyId = key.Id };
            key.Aliases++;
        }
        else if (roll % 3 == 1)
        {
            (op, arg1) = (ByokOp.Describe, $"described {random.Next(1000)}");
            request = new UpdateKeyDescriptionRequest { KeyId = key.Id, Description = arg1 };
        }
        else
        {
            (op, arg1, arg2) = (ByokOp.Tag, $"tag-{random.Next(4)}", $"value-{random.Next(1000)}");
            request = new TagResourceRequest { KeyId = key.Id, Tags = [new Tag { TagKey = arg1, TagValue = arg2 }] };
        }
        string[] args = op == ByokOp.Tag ? [arg1, arg2] : [arg1];
        log.Write(new AckLine(AckLine.Begin, id, op, key.Id, args));
        await engine.Send<EmptyResponse>(request);
        Ack(op, key.Id, args);
    }

    private async Task Change(OwnedKey key, string op, KeyState after, Func<Task> call)
    {
        log.Write(new AckLine(AckLine.Begin, id, op, key.Id, []));
        await call();
        key.State = after;
        Ack(op, key.Id);
    }

    private void Ack(string op, string keyId, params string[] args) => log.Write(new AckLine(AckLine.Ack, id, op, keyId, args));
}
