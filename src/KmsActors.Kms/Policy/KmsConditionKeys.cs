using System.Globalization;
using KmsActors.Kms.Keys;

namespace KmsActors.Kms.Policy;

public static partial class KmsConditionKeys
{
    /// <summary>
    /// The request context of one KMS call: the global keys every request carries and the KMS keys that apply to
    /// <see cref="KmsCallFacts.Operation"/>, with the values AWS gives them (docs/condition-keys.md). A key that does not
    /// apply to the action, or whose request member is absent (where AWS leaves it absent), has no entry.
    /// </summary>
    /// <exception cref="ArgumentException">The operation is no KMS action, or is "ReEncrypt" (authorized as
    /// ReEncryptFrom and ReEncryptTo, each with its own context).</exception>
    public static ConditionContext Build(KmsCallFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var action = ActionFor(facts.Operation);
        var context = new Writer(action);
        AddGlobal(context, action, facts);
        AddCaller(context, facts);
        if (facts.Key is { } key && action.IsKeyResource)
            AddKeyResource(context, key, facts.ResourceAliases);
        AddRequest(context, action, facts);
        return ConditionContext.Adopt(context.Entries);
    }

    /// <summary>The table row of an action named with or without "kms:" (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No KMS action has that name ("ReEncrypt" is two actions).</exception>
    public static ActionInfo ActionFor(string operation)
    {
        var name = operation.StartsWith("kms:", StringComparison.OrdinalIgnoreCase) ? operation[4..] : operation;
        if (Actions.TryGetValue(name, out var action))
            return action;
        if (name.Equals("ReEncrypt", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException("ReEncrypt is authorized as two actions: build the context of ReEncryptFrom "
                + "(Key: the source key) and of ReEncryptTo (Key: the destination key).", nameof(operation));
        throw new ArgumentException($"'{operation}' is not a KMS action.", nameof(operation));
    }

    /// <summary>IAM's global keys (docs/condition-keys.md, "Global keys"). A service principal has no ARN, account,
    /// type or user ID in IAM's request context, only its service name.</summary>
    private static void AddGlobal(Writer context, ActionInfo action, KmsCallFacts facts)
    {
        var principal = facts.Principal;
        if (principal.Type == PrincipalType.Service)
        {
            context.Global("aws:PrincipalServiceName", principal.ServiceName ?? principal.Arn);
            context.Global("aws:PrincipalIsAWSService", "true");
        }
        else
        {
            context.Global("aws:PrincipalArn", principal.PrincipalArn);
            context.Global("aws:PrincipalAccount", principal.AccountId);
            context.Global("aws:PrincipalType", principal.Type.ToString());
            context.Global("aws:userid", principal.UserId);
            if (principal.Type == PrincipalType.User && principal.UserName is { } userName)
                context.Global("aws:username", userName);
            context.Global("aws:PrincipalIsAWSService", "false");
        }
        context.Global("aws:RequestedRegion", facts.Region);
        var now = facts.Now.ToUniversalTime();
        context.Global("aws:CurrentTime", now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        context.Global("aws:EpochTime", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        context.Global("aws:SecureTransport", Bool(facts.SecureTransport));
        context.Global("aws:SourceIp", facts.SourceIp);
        context.Global("aws:ViaAWSService", Bool(facts.ViaService is not null));
        if (facts.Key is { } key && action.IsKeyResource)
            context.Global("aws:ResourceAccount", key.AccountId);
    }

    /// <summary>The KMS keys that describe the caller rather than the request's members.</summary>
    private static void AddCaller(Writer context, KmsCallFacts facts)
    {
        if (facts.Principal.AccountId.Length > 0)
            context.Put("kms:CallerAccount", facts.Principal.AccountId);
        context.Put("kms:ViaService", facts.ViaService);
        context.Put("kms:RequestAlias", AliasName(facts.RequestAlias));
        // A grant operation is "for an AWS resource" when an integrated service makes it on the principal's behalf.
        context.Put("kms:GrantIsForAWSResource", Bool(facts.ViaService is not null));
    }

    /// <summary>The properties of the key the action is authorized on: the key resource's condition keys.</summary>
    private static void AddKeyResource(Writer context, KmsKey key, IReadOnlyList<string> aliases)
    {
        var spec = key.KeySpec.ToString();
        var usage = key.KeyUsage.ToString();
        context.Put("kms:KeyOrigin", key.Origin.ToString());
        context.Put("kms:KeySpec", spec);
        context.Put("kms:CustomerMasterKeySpec", spec);
        context.Put("kms:KeyUsage", usage);
        context.Put("kms:CustomerMasterKeyUsage", usage);
        context.Put("kms:MultiRegion", Bool(key.MultiRegion));
        context.Put("kms:MultiRegionKeyType", key.MultiRegionKeyType?.ToString());
        context.PutMulti("kms:ResourceAliases", aliases);
        if (key.Tags.Count > 0)
            context.PutPairs("aws:ResourceTag/", key.Tags);
    }

    /// <summary>"alias/app" for "alias/app" or for its alias ARN "arn:aws:kms:…:alias/app"; kms:RequestAlias holds the
    /// alias name, never the ARN.</summary>
    private static string? AliasName(string? alias)
    {
        if (alias is null || !alias.StartsWith("arn:", StringComparison.Ordinal))
            return alias;
        var at = alias.IndexOf(":alias/", StringComparison.Ordinal);
        return at < 0 ? alias : alias[(at + 1)..];
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
