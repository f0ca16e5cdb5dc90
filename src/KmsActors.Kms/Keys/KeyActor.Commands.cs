using Akka.Actor;
using Akka.Event;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Import;
using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Keys;

// API calls on the key: creation, the decide → persist → reply path, and the operations that need crypto around
// the rules (GetParametersForImport, ImportKeyMaterial, ReplicateKey).
public sealed partial class KeyActor
{
    /// <summary>ReplicateKey calls waiting for the replica region, by request ID; null until the first (most keys never
    /// replicate, and an empty dictionary per live key is 80 B).</summary>
    private Dictionary<string, IActorRef>? _replications;

    /// <summary>GetParametersForImport calls waiting for a wrapping key pair to be generated.</summary>
    private int _importParametersGenerating;

    /// <summary>A wrapping key pair generated for a GetParametersForImport call (or why there is none).</summary>
    private sealed record ImportParametersReady(KmsCommand Command, IActorRef ReplyTo, WrappingKeyPair? Pair, Exception? Error);

    private void OnKmsCommand(KmsCommand command)
    {
        var replyTo = Sender;
        try
        {
            if (_key is null)
                throw KmsException.NotFound($"Key '{_arn}' does not exist");
            // RetireGrant has its own rule of who may retire (the grant's retiring principal, its grantee, the key's
            // account: docs/grants.md) on top of kms:RetireGrant in the policies, so the grant rules decide it.
            if (command.Request is not RetireGrantRequest)
                Authorize(command, KmsActions.Of(command.Operation));
            if (command.Request is PutKeyPolicyRequest { Policy: { } policy } put)
                CheckLockout(command, policy, put.BypassPolicyLockoutSafetyCheck == true);
            if (_movingPrimary is not null)
                KeyRules.CheckState(_key with { State = KeyState.Updating }, command.Operation);
            switch (command.Request)
            {
                case GetParametersForImportRequest r: GetParametersForImport(command, r, replyTo); break;
                case ImportKeyMaterialRequest r: ImportKeyMaterial(command, r, replyTo); break;
                case ReplicateKeyRequest r: ReplicateKey(command, r, replyTo); break;
                case UpdatePrimaryRegionRequest r: UpdatePrimaryRegion(command, r, replyTo); break;
                case CreateGrantRequest or ListGrantsRequest or RetireGrantRequest or RevokeGrantRequest: OnGrantCommand(command, replyTo); break;
                case var r when KeyRules.Decides(r) && r is not CreateKeyRequest:
                    var context = r is RotateKeyOnDemandRequest && _key.Origin == OriginType.AWS_KMS && KeyRules.IsSymmetric(_key)
                        ? NewContext() with { GeneratedMaterial = Generate(_key.KeySpec) }
                        : NewContext();
                    DecideAndPersist(command, KeyRules.Decide(_key, r, context), replyTo);
                    break;
                default: HandleCrypto(command, replyTo); break;
            }
        }
        catch (KmsException error)
        {
            Fail(command, replyTo, error);
        }
    }

    private void DecideAndPersist(KmsCommand command, KeyDecision decision, IActorRef replyTo)
    {
        var previousMaterialId = _key?.CurrentMaterial?.KeyMaterialId;
        PersistDecision(decision, () =>
        {
            Reply(command, replyTo, decision.Response ?? EmptyResponse.Instance);
            PublishRotations(decision, previousMaterialId);
        }, error => Fail(command, replyTo, error));
    }

    private void OnInitializeKey(InitializeKey message)
    {
        var replyTo = Sender;
        var command = message.Command;
        try
        {
            if (_key is not null)
                throw new KmsException(KmsErrorCodes.AlreadyExistsException, $"Key '{_arn}' already exists");
            var request = (CreateKeyRequest)command.Request;
            if (request.Policy is { } policy)
                CheckLockout(command, policy, request.BypassPolicyLockoutSafetyCheck == true);
            var context = NewContext() with { NewKeyId = message.KeyId };
            var spec = request.KeySpec ?? (request.CustomerMasterKeySpec is { } cmks ? Enum.Parse<KeySpec>(cmks.ToString()) : KeySpec.SYMMETRIC_DEFAULT);
            // Generate only for a request that can succeed (RSA-4096 generation takes a while).
            if ((request.Origin ?? OriginType.AWS_KMS) == OriginType.AWS_KMS
                && KeyRules.AllowedUsages(spec).Contains(request.KeyUsage ?? KeyUsageType.ENCRYPT_DECRYPT)
                && (spec != KeySpec.SM2 || IsChina))
                context = context with { GeneratedMaterial = Generate(spec, message.KeyId) };
            var decision = KeyRules.Decide(null, request, context);
            // The region answers the caller, once the new key is in its durable index.
            PersistDecision(decision, () => ToRegion(
                new NewKeyPersisted(CurrentStatus(), _key!.KeySpec, _key.KeyUsage, replyTo, decision.Response!, AuditOf(command, decision.Response!, []))),
                error => Fail(command, replyTo, error));
        }
        catch (KmsException error)
        {
            Fail(command, replyTo, error);
            if (_key is null)
            {
                ToRegion(new KeyCreationFailed(message.KeyId));
                Context.Stop(Self);
            }
        }
    }

    /// <summary>Material for an AWS_KMS key (CreateKey, RotateKeyOnDemand), with its ID and commitment.</summary>
    private GeneratedMaterial Generate(KeySpec spec, string? keyId = null)
    {
        keyId ??= _keyId;
        var material = DeterministicMaterial.OrRandom(keyId, spec, IsChina, Now);
        return new GeneratedMaterial(KeyMaterialIds.Derive(keyId, material), _services.Commitments.Compute(keyId, material), material);
    }

    /// <summary>GetParametersForImport: a pooled wrapping key pair at once; from an empty pool, the pair is generated off this
    /// thread and the key answers when it comes back (<see cref="OnImportParametersReady"/>), serving other calls meanwhile.
    /// The call is decided on arrival; GetParametersForImport changes nothing, so nothing waits behind it.</summary>
    private void GetParametersForImport(KmsCommand command, GetParametersForImportRequest r, IActorRef replyTo)
    {
        KeyRules.Decide(_key, r, NewContext()); // approves or throws
        var spec = r.WrappingKeySpec!.Value;
        if (_services.WrappingKeys.TryTake(spec, out var pair))
        {
            AnswerImportParameters(command, r, replyTo, pair);
            return;
        }
        _importParametersGenerating++;
        _services.WrappingKeys.TakeAsync(spec).PipeTo(Self,
            success: generated => new ImportParametersReady(command, replyTo, generated, null),
            failure: error => new ImportParametersReady(command, replyTo, null, error));
    }

    private void OnImportParametersReady(ImportParametersReady ready)
    {
        _importParametersGenerating--;
        if (ready.Pair is { } pair)
        {
            AnswerImportParameters(ready.Command, (GetParametersForImportRequest)ready.Command.Request, ready.ReplyTo, pair);
        }
        else
        {
            Context.GetLogger().Error(ready.Error, "Key {0}: could not generate a wrapping key pair", _arn);
            Fail(ready.Command, ready.ReplyTo, KmsException.Internal($"{_arn}: the wrapping key could not be generated."));
        }
        StopIfReplicationsAnswered();
    }

    private void AnswerImportParameters(KmsCommand command, GetParametersForImportRequest r, IActorRef replyTo, WrappingKeyPair pair)
    {
        var now = Now;
        var token = ImportToken.Issue(_arn, r.WrappingAlgorithm!.Value, pair, now) with { ValidTo = now + _services.Settings.ImportTokenValidity };
        if (pair.Rsa is { } rsa)
            _services.ReadyWrappingKeys.Add(token.TokenId, rsa, pair.PrivateKeyPkcs8, token.ValidTo, now);
        Reply(command, replyTo, new GetParametersForImportResponse
        {
            KeyId = _arn,
            ImportToken = _services.TokenSealer.Seal(token),
            PublicKey = pair.PublicKeyDer,
            ParametersValidTo = token.ValidTo,
        });
    }

    /// <summary>
    /// ImportKeyMaterial: request checks, then token (InvalidImportToken / ExpiredImportToken), unwrap
    /// (InvalidCiphertext) and material validation (IncorrectKeyMaterial), then the rules; only then persist.
    /// </summary>
    private void ImportKeyMaterial(KmsCommand command, ImportKeyMaterialRequest r, IActorRef replyTo)
    {
        var now = Now;
        KeyRules.CheckImportRequest(_key!, r, now);
        var token = _services.TokenSealer.Open(r.ImportToken!, _arn, now);
        var tokenId = token.TokenId.ToString("N");
        KeyRules.CheckImportTokenUnused(_key!, tokenId);
        // The RSA object generated for this token, if still kept (ReadyWrappingKeys); it goes back for another try
        // with the same token if this one is refused.
        var ready = _services.ReadyWrappingKeys.Take(token.TokenId, token.WrappingPrivateKey, now);
        KeyDecision decision;
        try
        {
            var raw = KeyMaterialUnwrapper.Unwrap(token.WrappingAlgorithm, token.WrappingKeySpec, token.WrappingPrivateKey, r.EncryptedKeyMaterial!, ready);
            var material = KeyMaterialValidator.Validate(_key!.KeySpec, raw, IsChina).Material;
            var import = new ValidatedImport(tokenId, token.ValidTo, token.WrappingAlgorithm, material,
                KeyMaterialIds.Derive(_keyId, material), _services.Commitments.Compute(_keyId, material));
            decision = KeyRules.Decide(_key, r, NewContext() with { Import = import });
        }
        catch (KmsException) when (ready is not null)
        {
            _services.ReadyWrappingKeys.Add(token.TokenId, ready, token.WrappingPrivateKey, token.ValidTo, now);
            throw;
        }
        ready?.Dispose(); // the decision uses the token up
        DecideAndPersist(command, decision, replyTo);
    }

    /// <summary>ReplicateKey on the primary: approve, then ask the engine to create the replica in the other region.</summary>
    private void ReplicateKey(KmsCommand command, ReplicateKeyRequest r, IActorRef replyTo)
    {
        KeyRules.Decide(_key, r, NewContext()); // approves or throws
        (_replications ??= new(StringComparer.Ordinal))[command.RequestId] = replyTo;
        ToRegion(new ReplicateTo(r.ReplicaRegion!, new InitializeReplica(command, _key!, Self)));
    }

    private void OnReplicaCreated(ReplicaCreated created)
    {
        if (_replications is null || !_replications.Remove(created.Command.RequestId, out var replyTo))
            return;
        var request = (ReplicateKeyRequest)created.Command.Request;
        var replicaRegion = created.ReplicaMetadata.Arn is { } arn ? KeyRules.RegionOf(arn) : request.ReplicaRegion!;
        var response = new ReplicateKeyResponse
        {
            ReplicaKeyMetadata = created.ReplicaMetadata,
            ReplicaPolicy = request.Policy ?? KeyRules.DefaultPolicy(AwsPartition.Of(replicaRegion), _accountId),
            ReplicaTags = request.Tags ?? [],
        };
        var decision = KeyRules.AddReplica(_key!, created.ReplicaMetadata.Arn!);
        PersistDecision(decision, () => Reply(created.Command, replyTo, response, _arn, created.ReplicaMetadata.Arn!), error => Fail(created.Command, replyTo, error));
        StopIfReplicationsAnswered();
    }

    private void OnReplicaCreationFailed(ReplicaCreationFailed failed)
    {
        if (_replications is null || !_replications.Remove(failed.Command.RequestId, out var replyTo))
            return;
        Fail(failed.Command, replyTo, failed.Error);
        StopIfReplicationsAnswered();
    }

    /// <summary>The replica side of ReplicateKey: a new key actor in the replica region creates itself from the primary.</summary>
    private void OnInitializeReplica(InitializeReplica message)
    {
        var request = (ReplicateKeyRequest)message.Command.Request;
        try
        {
            if (_key is not null)
                throw new KmsException(KmsErrorCodes.AlreadyExistsException, $"Key '{_arn}' already exists");
            AuthorizeReplicaCreation(message.Command, request);
            if (request.Policy is { } policy)
                CheckLockout(message.Command, policy, request.BypassPolicyLockoutSafetyCheck == true);
            var decision = KeyRules.CreateReplica(message.Primary, request, NewContext());
            PersistDecision(decision, () =>
            {
                var metadata = KeyRules.Describe(_key!);
                // AWS: ReplicateKey also records CreateKey in the replica Region.
                var createKey = new KmsCommand(new CreateKeyRequest { Description = request.Description, Policy = request.Policy, Tags = request.Tags, MultiRegion = true },
                    message.Command.Caller, _region, message.Command.RequestId);
                // The primary hears of its replica once the replica region's index entry is durable.
                ToRegion(new NewKeyPersisted(CurrentStatus(), _key!.KeySpec, _key.KeyUsage, message.ReplyTo, new ReplicaCreated(metadata, message.Command),
                    Audit.AuditRecord.ForApiCall(createKey, new CreateKeyResponse { KeyMetadata = metadata }, null, Now, [_arn])));
            }, error => message.ReplyTo.Tell(new ReplicaCreationFailed(error, message.Command)));
        }
        catch (KmsException error)
        {
            message.ReplyTo.Tell(new ReplicaCreationFailed(error, message.Command));
            if (_key is null)
            {
                ToRegion(new KeyCreationFailed(_keyId));
                Context.Stop(Self);
            }
        }
    }
}
