using System.Collections.Immutable;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;

namespace KmsActors.Kms.Tests.Policy.ConditionKeys;

/// <summary>Keys, callers and calls for the request-context tests.</summary>
internal static class ContextFixture
{
    public const string Account = "111122223333";
    public const string KeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    public static readonly DateTimeOffset Now = new(2026, 12, 5, 16, 40, 37, TimeSpan.Zero);
    public static readonly PrincipalInfo Alice = PrincipalInfo.FromArn("arn:aws:iam::111122223333:user/alice");

    public static KmsKey Key(KeySpec spec = KeySpec.SYMMETRIC_DEFAULT, KeyUsageType usage = KeyUsageType.ENCRYPT_DECRYPT,
        OriginType origin = OriginType.AWS_KMS, string arn = KeyArn) => new()
    {
        KeyId = arn[(arn.LastIndexOf('/') + 1)..],
        Arn = arn,
        AccountId = Account,
        Region = "us-east-1",
        CreationDate = Now.AddDays(-1),
        KeyUsage = usage,
        KeySpec = spec,
        Origin = origin,
        State = KeyState.Enabled,
    };

    public static KmsKey WithTags(this KmsKey key, params (string Key, string Value)[] tags) =>
        key with { Tags = tags.ToImmutableSortedDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal) };

    public static KmsCallFacts Call(string operation, object request, KmsKey? key = null, PrincipalInfo? principal = null) => new()
    {
        Operation = operation,
        Request = request,
        Key = key,
        Principal = principal ?? Alice,
        Region = "us-east-1",
        Now = Now,
    };

    public static ConditionContext Build(string operation, object request, KmsKey? key = null) =>
        KmsConditionKeys.Build(Call(operation, request, key));

    /// <summary>The single value of <paramref name="key"/>; fails when it is absent or multi-valued.</summary>
    public static string Value(this ConditionContext context, string key)
    {
        Assert.True(context.TryGet(key, out var values), $"{key} is absent");
        Assert.False(values.IsMultiValued, $"{key} is multi-valued");
        return Assert.Single(values.Values);
    }

    /// <summary>The values of the multi-valued <paramref name="key"/>, in the context's order.</summary>
    public static IReadOnlyList<string> Values(this ConditionContext context, string key)
    {
        Assert.True(context.TryGet(key, out var values), $"{key} is absent");
        Assert.True(values.IsMultiValued, $"{key} is single-valued");
        return values.Values;
    }

    public static bool Has(this ConditionContext context, string key) => context.TryGet(key, out _);
}
