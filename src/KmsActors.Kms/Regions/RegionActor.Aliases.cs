using Akka.Actor;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Regions;

// CreateAlias / UpdateAlias / DeleteAlias (docs/identifiers.md; target key state: docs/key-states.md). Aliases belong to the region, not to a key.
// Order of refusals (docs/check-order.md): the name (the model's length and pattern, checked first with every request; prefix, reserved alias/aws/, characters), then a
// TargetKeyId that names an alias, then the caller's permission, then whether the name is taken.
public sealed partial class RegionActor
{
    private void CreateAlias(KmsCommand command, CreateAliasRequest request, IActorRef replyTo)
    {
        var name = ValidAliasName(request.AliasName, naming: true);
        RequireKeyTarget(request.TargetKeyId);
        AuthorizeByIdentity(command, Policy.KmsActions.Of("CreateAlias"), AliasArn(name)); // the alias side: IAM policies only
        if (_index.Aliases.ContainsKey(name))
            throw new KmsException(KmsErrorCodes.AlreadyExistsException, $"An alias with the name {AliasArn(name)} already exists");
        // AWS: TargetKeyId is a key ID or key ARN, never another alias.
        var keyId = ResolveKeyId(request.TargetKeyId, KmsCatalogue.KeyIdFormsOf(command.Operation, "TargetKeyId"));
        RequireNotPendingDeletion(keyId);
        if (!KeysAllow(command, replyTo, keyId))
            return;
        var now = Now;
        PersistAndApply(new AliasSet(name, keyId, now, now), replyTo, _ =>
        {
            TellAliases(keyId);
            Reply(command, replyTo, NoOutput, [AliasArn(name), KeyArn(keyId)]);
        });
    }

    private void UpdateAlias(KmsCommand command, UpdateAliasRequest request, IActorRef replyTo)
    {
        var name = ValidAliasName(request.AliasName, naming: true);
        RequireKeyTarget(request.TargetKeyId);
        AuthorizeByIdentity(command, Policy.KmsActions.Of("UpdateAlias"), AliasArn(name)); // the alias side: IAM policies only
        if (!_index.Aliases.TryGetValue(name, out var alias))
            throw AliasNotFound(AliasArn(name));
        var keyId = ResolveKeyId(request.TargetKeyId, KmsCatalogue.KeyIdFormsOf(command.Operation, "TargetKeyId"));
        RequireNotPendingDeletion(keyId);
        // AWS: an alias can only move to a key of the same key type (spec) and key usage.
        if (TypeOf(alias.TargetKeyId) is { } from && TypeOf(keyId) is { } to && from != to)
            throw KmsException.Validation(
                $"Alias {name} is associated with a key of KeySpec {from.Spec} and KeyUsage {from.Usage}; it cannot point to {KeyArn(keyId)}, " +
                $"a key of KeySpec {to.Spec} and KeyUsage {to.Usage}. An alias can only be moved to a key of the same type and usage.");
        if (!KeysAllow(command, replyTo, alias.TargetKeyId, keyId))
            return;
        PersistAndApply(alias with { TargetKeyId = keyId, LastUpdatedDate = Now }, replyTo, _ =>
        {
            TellAliases(alias.TargetKeyId);
            TellAliases(keyId);
            Reply(command, replyTo, NoOutput, [AliasArn(name), KeyArn(alias.TargetKeyId), KeyArn(keyId)]);
        });
    }

    private void DeleteAlias(KmsCommand command, DeleteAliasRequest request, IActorRef replyTo)
    {
        var name = ValidAliasName(request.AliasName, naming: false);
        AuthorizeByIdentity(command, Policy.KmsActions.Of("DeleteAlias"), AliasArn(name)); // the alias side: IAM policies only
        if (!_index.Aliases.TryGetValue(name, out var alias))
            throw AliasNotFound(AliasArn(name));
        if (!KeysAllow(command, replyTo, alias.TargetKeyId))
            return;
        PersistAndApply(new AliasRemoved(name), replyTo, _ =>
        {
            TellAliases(alias.TargetKeyId);
            Reply(command, replyTo, NoOutput, [AliasArn(name), KeyArn(alias.TargetKeyId)]);
        });
    }

    /// <summary>
    /// AWS alias name rules (docs/check-order.md): the model's pattern <c>^[a-zA-Z0-9:/_-]+$</c> and 1–256 characters
    /// (ValidationException "1 validation error detected: …"); the "alias/" prefix (ValidationException with AWS's
    /// text); "alias/aws/" reserved for AWS managed keys (NotAuthorizedException, no message); and, when a name is
    /// being given (<paramref name="naming"/>: CreateAlias, UpdateAlias), no ':' even though the pattern admits it
    /// (ValidationException "&lt;name&gt; contains invalid characters for an alias").
    /// </summary>
    private static string ValidAliasName(string? aliasName, bool naming)
    {
        // Present, 1–256 characters of ^[a-zA-Z0-9:/_-]+$: the model's check ran before (docs/validation.md).
        ArgumentNullException.ThrowIfNull(aliasName);
        if (!aliasName.StartsWith("alias/", StringComparison.Ordinal))
            throw KmsException.Validation("Alias must start with the prefix \"alias/\". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
        if (aliasName.StartsWith("alias/aws/", StringComparison.Ordinal))
            throw new KmsException(KmsErrorCodes.NotAuthorizedException, null);
        if (naming && aliasName.Contains(':', StringComparison.Ordinal))
            throw KmsException.Validation($"{aliasName} contains invalid characters for an alias");
        if (aliasName.Length == "alias/".Length)
            throw new KmsException(KmsErrorCodes.InvalidAliasNameException,
                $"Alias name '{aliasName}' is not valid: after \"alias/\" use 1 to 250 characters of a-z, A-Z, 0-9, '/', '_' and '-'.");
        return aliasName;
    }

    /// <summary>AWS: an alias points at a key, never at another alias (an alias name or alias ARN), checked before
    /// whether the alias name is taken.</summary>
    private static void RequireKeyTarget(string? targetKeyId)
    {
        if (targetKeyId is null)
            return; // the missing member is reported where the target is resolved
        var namesAlias = targetKeyId.StartsWith("alias/", StringComparison.Ordinal)
            || (targetKeyId.StartsWith("arn:", StringComparison.Ordinal) && KmsArn.TryParse(targetKeyId, out var arn) && arn.IsAlias);
        if (namesAlias)
            throw KmsException.Validation("Aliases must refer to keys. Not aliases");
    }

    private void RequireNotPendingDeletion(string keyId)
    {
        // AWS: CreateAlias / UpdateAlias on a key pending deletion is KMSInvalidStateException.
        if (_index.Keys.TryGetValue(keyId, out var key) && key.State is KeyState.PendingDeletion or KeyState.PendingReplicaDeletion)
            throw KmsException.InvalidState($"{KeyArn(keyId)} is pending deletion.");
    }

    private (KeySpec Spec, KeyUsageType Usage)? TypeOf(string keyId) =>
        _index.Keys.TryGetValue(keyId, out var key) ? (key.KeySpec, key.KeyUsage)
        : _pending.TryGetValue(keyId, out var pending) ? (pending.Spec, pending.Usage)
        : null;
}
