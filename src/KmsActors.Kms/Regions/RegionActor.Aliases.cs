using System.Text.RegularExpressions;
using Akka.Actor;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Regions;

// CreateAlias / UpdateAlias / DeleteAlias (target key state: docs/key-states.md). Aliases belong to the region, not to a key.
public sealed partial class RegionActor
{
    [GeneratedRegex("^[a-zA-Z0-9:/_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasNamePattern();

    private void CreateAlias(KmsCommand command, CreateAliasRequest request, IActorRef replyTo)
    {
        var name = ValidAliasName(request.AliasName);
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
        var name = ValidAliasName(request.AliasName);
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
        var name = ValidAliasName(request.AliasName);
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

    /// <summary>AWS alias name rules: "alias/" prefix (ValidationException with AWS's text), 1–256 characters of
    /// <c>^[a-zA-Z0-9:/_-]+$</c>, and "alias/aws/" reserved for AWS managed keys (AWS answers that with an
    /// authorization error; KmsActors, which has no authorization, uses InvalidAliasNameException).</summary>
    private static string ValidAliasName(string? aliasName)
    {
        if (aliasName is null)
            throw KmsException.Validation("1 validation error detected: Value null at 'aliasName' failed to satisfy constraint: Member must not be null");
        if (!aliasName.StartsWith("alias/", StringComparison.Ordinal))
            throw KmsException.Validation("Alias must start with the prefix \"alias/\". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
        if (aliasName.Length > 256 || aliasName.Length == "alias/".Length || !AliasNamePattern().IsMatch(aliasName))
            throw new KmsException(KmsErrorCodes.InvalidAliasNameException,
                $"Alias name '{aliasName}' is not valid: after \"alias/\" use 1 to 250 characters of a-z, A-Z, 0-9, '/', '_', '-' and ':' (256 in all).");
        if (aliasName.StartsWith("alias/aws/", StringComparison.Ordinal))
            throw new KmsException(KmsErrorCodes.InvalidAliasNameException,
                $"Alias name '{aliasName}' is reserved: names beginning with alias/aws/ belong to AWS managed keys.");
        return aliasName;
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
