using System.Collections.Frozen;

namespace KmsActors.Kms.Model;

// Our decisions about each operation of the model, one row per operation (docs/catalogue.md). What the AWS model says
// (records, members, errors) is generated into Generated/KmsCatalogue.cs; what KmsActors decides lives here and only
// here: audit, quotas, key-state rows, direct path, dispatch and authorization read these rows. Adding an operation to
// the model without a row here fails CatalogueCoverageTests.
public static partial class KmsCatalogue
{
    private const OperationHandler Region = OperationHandler.Region;
    private const OperationHandler Key = OperationHandler.Key;
    private const OperationHandler Unsupported = OperationHandler.Unsupported;
    private const QuotaClass Own = QuotaClass.Operation;
    private const QuotaClass Shared = QuotaClass.SharedCryptographic;
    private const QuotaClass Pair = QuotaClass.DataKeyPair;
    private const bool RO = true;
    private const bool RW = false;

    /// <summary>Every operation's facts, by name; the same operations as <see cref="Operations"/>.</summary>
    public static readonly FrozenDictionary<string, OperationFacts> Facts = new OperationFacts[]
    {
        //                                            handler       readOnly quota
        // Named by no key, or the region's alias index: the region actor answers.
        new("CreateKey",                              Region,       RW, Own) { DecidedByRules = true, Keyless = true },
        new("CreateAlias",                            Region,       RW, Own) { RegionPipeline = true, StateRow = true },
        new("UpdateAlias",                            Region,       RW, Own) { RegionPipeline = true },
        new("DeleteAlias",                            Region,       RW, Own) { RegionPipeline = true },
        new("ListAliases",                            Region,       RO, Own) { RegionPipeline = true, Keyless = true },
        new("ListKeys",                               Region,       RO, Own) { RegionPipeline = true, Keyless = true },
        new("ListRetirableGrants",                    Region,       RO, Own) { Keyless = true },
        new("GenerateRandom",                         Region,       RO, Shared) { Keyless = true },
        // Key management: KeyRules decides, the key persists.
        new("DescribeKey",                            Key,          RO, Own) { StateRow = true, DecidedByRules = true, AnsweredDirectly = true },
        new("GetParametersForImport",                 Key,          RO, Own) { StateRow = true, DecidedByRules = true },
        new("ImportKeyMaterial",                      Key,          RW, Own) { StateRow = true, DecidedByRules = true },
        new("DeleteImportedKeyMaterial",              Key,          RW, Own) { StateRow = true, DecidedByRules = true },
        new("EnableKey",                              Key,          RW, Own) { StateRow = true, DecidedByRules = true },
        new("DisableKey",                             Key,          RW, Own) { StateRow = true, DecidedByRules = true },
        new("ScheduleKeyDeletion",                    Key,          RW, Own) { StateRow = true, DecidedByRules = true },
        new("CancelKeyDeletion",                      Key,          RW, Own) { StateRow = true, DecidedByRules = true },
        new("RotateKeyOnDemand",                      Key,          RW, Own) { StateRow = true, DecidedByRules = true },
        new("ListKeyRotations",                       Key,          RO, Own) { StateRow = true, DecidedByRules = true },
        new("GetKeyRotationStatus",                   Key,          RO, Own) { StateRow = true, DecidedByRules = true },
        new("EnableKeyRotation",                      Key,          RW, Own) { StateRow = true, DecidedByRules = true },
        new("DisableKeyRotation",                     Key,          RW, Own) { StateRow = true, DecidedByRules = true },
        new("UpdateKeyDescription",                   Key,          RW, Own) { StateRow = true, DecidedByRules = true },
        new("TagResource",                            Key,          RW, Own) { StateRow = true, DecidedByRules = true },
        new("UntagResource",                          Key,          RW, Own) { StateRow = true, DecidedByRules = true },
        new("ListResourceTags",                       Key,          RO, Own) { StateRow = true, DecidedByRules = true },
        new("GetKeyPolicy",                           Key,          RO, Own) { StateRow = true, DecidedByRules = true },
        new("PutKeyPolicy",                           Key,          RW, Own) { StateRow = true, DecidedByRules = true },
        new("ListKeyPolicies",                        Key,          RO, Own) { StateRow = true, DecidedByRules = true },
        new("ReplicateKey",                           Key,          RW, Own) { StateRow = true, DecidedByRules = true },
        new("UpdatePrimaryRegion",                    Key,          RW, Own) { StateRow = true, DecidedByRules = true },
        // Grants: the key's grant rules (docs/grants.md).
        new("CreateGrant",                            Key,          RW, Own) { StateRow = true },
        new("ListGrants",                             Key,          RO, Own) { StateRow = true },
        new("RetireGrant",                            Key,          RW, Own) { StateRow = true },
        new("RevokeGrant",                            Key,          RW, Own) { StateRow = true },
        // Cryptographic operations: the key's direct path; usage as the key-state and key-usage checks read it.
        new("Encrypt",                                Key,          RO, Shared) { StateRow = true, NeverPersists = true, Usage = KeyUsageType.ENCRYPT_DECRYPT },
        new("Decrypt",                                Key,          RO, Shared) { StateRow = true, NeverPersists = true, Usage = KeyUsageType.ENCRYPT_DECRYPT },
        new("ReEncrypt",                              Key,          RO, Shared) { StateRow = true, NeverPersists = true, Usage = KeyUsageType.ENCRYPT_DECRYPT },
        new("GenerateDataKey",                        Key,          RO, Shared) { StateRow = true, NeverPersists = true, Usage = KeyUsageType.ENCRYPT_DECRYPT },
        new("GenerateDataKeyWithoutPlaintext",        Key,          RO, Shared) { StateRow = true, NeverPersists = true, Usage = KeyUsageType.ENCRYPT_DECRYPT },
        new("GenerateDataKeyPair",                    Key,          RO, Pair) { StateRow = true, NeverPersists = true, Usage = KeyUsageType.ENCRYPT_DECRYPT },
        new("GenerateDataKeyPairWithoutPlaintext",    Key,          RO, Pair) { StateRow = true, NeverPersists = true, Usage = KeyUsageType.ENCRYPT_DECRYPT },
        new("Sign",                                   Key,          RO, Shared) { StateRow = true, NeverPersists = true, Usage = KeyUsageType.SIGN_VERIFY },
        new("Verify",                                 Key,          RO, Shared) { StateRow = true, NeverPersists = true, Usage = KeyUsageType.SIGN_VERIFY },
        new("GenerateMac",                            Key,          RO, Shared) { StateRow = true, NeverPersists = true, Usage = KeyUsageType.GENERATE_VERIFY_MAC },
        new("VerifyMac",                              Key,          RO, Shared) { StateRow = true, NeverPersists = true, Usage = KeyUsageType.GENERATE_VERIFY_MAC },
        new("DeriveSharedSecret",                     Key,          RO, Shared) { StateRow = true, NeverPersists = true, Usage = KeyUsageType.KEY_AGREEMENT },
        new("GetPublicKey",                           Key,          RO, Own) { StateRow = true, NeverPersists = true },
        // Not implemented: there are no custom key stores, and key last-usage tracking is not simulated.
        new("ConnectCustomKeyStore",                  Unsupported,  RW, Own),
        new("CreateCustomKeyStore",                   Unsupported,  RW, Own),
        new("DeleteCustomKeyStore",                   Unsupported,  RW, Own),
        new("DescribeCustomKeyStores",                Unsupported,  RO, Own),
        new("DisconnectCustomKeyStore",               Unsupported,  RW, Own),
        new("UpdateCustomKeyStore",                   Unsupported,  RW, Own),
        new("GetKeyLastUsage",                        Unsupported,  RO, Own),
    }.ToFrozenDictionary(facts => facts.Name, StringComparer.Ordinal);

    // Looked up per call by the request record's type (a frozen lookup, a few nanoseconds). In a nested class because it
    // reads Operations, which another file of this partial class initializes (in no defined order).
    private static class ByInput
    {
        internal static readonly FrozenDictionary<Type, OperationFacts> Facts =
            Operations.Values.Where(operation => operation.Input is not null && KmsCatalogue.Facts.ContainsKey(operation.Name))
                .ToFrozenDictionary(operation => operation.Input!, operation => KmsCatalogue.Facts[operation.Name]);
    }

    /// <summary>The facts of <paramref name="operation"/>; null for a name that is no operation of the model.</summary>
    public static OperationFacts? FactsOf(string operation) => Facts.GetValueOrDefault(operation);

    /// <summary>The facts of the operation whose request record <paramref name="request"/> is; null for any other object.</summary>
    public static OperationFacts? FactsOf(object request) => ByInput.Facts.GetValueOrDefault(request.GetType());

    /// <summary>The operations whose facts satisfy <paramref name="facet"/>, in the model's order.</summary>
    public static IReadOnlyList<string> OperationsWhere(Func<OperationFacts, bool> facet) =>
        [.. Facts.Values.Where(facet).Select(facts => facts.Name).Order(StringComparer.Ordinal)];
}
