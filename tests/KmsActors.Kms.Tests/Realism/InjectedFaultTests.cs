using Akka.TestKit;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Model;
using KmsActors.Kms.Realism;

namespace KmsActors.Kms.Tests.Realism;

/// <summary>kms.realism.faults through the in-process engine: AWS's transient server-side errors at a configured rate,
/// only those the model lists for the operation, changing nothing and audited with their errorCode.</summary>
public sealed class InjectedFaultTests() : RealismTestBase("""
    kms.deterministic-ids { enabled = on, seed = "faults" }
    kms.realism.faults {
      enabled = on
      default-rate = 0
      operations { CreateAlias = 1, Encrypt = 1, GenerateMac = 1, TagResource = 1 }
    }
    kms.realism.latency { enabled = on, operations { CreateAlias = 100ms } }
    """)
{
    [Fact]
    public async Task a_faulted_call_answers_a_transient_aws_error_and_changes_nothing()
    {
        var keyId = await NewKey();

        var fault = await Refused(() => Engine.Send<object>(new TagResourceRequest { KeyId = keyId, Tags = [new Tag { TagKey = "team", TagValue = "a" }] }));
        var tags = await Engine.Send<ListResourceTagsResponse>(new ListResourceTagsRequest { KeyId = keyId });

        Assert.Equal((KmsErrorCodes.KMSInternalException, InjectedFaults.InternalMessage), (fault.ErrorCode, fault.Message));
        Assert.Empty(tags.Tags!);
    }

    [Fact]
    public async Task an_operation_whose_model_lists_no_dependency_timeout_faults_only_with_kms_internal_exception()
    {
        var macKey = await NewKey(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
        var codes = new HashSet<string>();

        for (var i = 0; i < 40; i++)
            codes.Add((await Refused(() => Engine.GenerateMac(new GenerateMacRequest { KeyId = macKey, Message = [1], MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256 }))).ErrorCode);

        Assert.DoesNotContain(KmsErrorCodes.DependencyTimeoutException, KmsCatalogue.Operations["GenerateMac"].Errors);
        Assert.Equal([KmsErrorCodes.KMSInternalException], codes);
    }

    [Fact]
    public async Task an_operation_whose_model_lists_both_errors_faults_with_both()
    {
        var keyId = await NewKey();
        var answers = new HashSet<(string, string)>();

        for (var i = 0; i < 40; i++)
        {
            var fault = await Refused(() => Engine.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = [1] }));
            answers.Add((fault.ErrorCode, fault.Message));
        }

        Assert.Equal(
            [(KmsErrorCodes.DependencyTimeoutException, InjectedFaults.DependencyTimeoutMessage), (KmsErrorCodes.KMSInternalException, InjectedFaults.InternalMessage)],
            answers.Order());
    }

    [Fact]
    public async Task a_faulted_call_is_audited_with_its_error_code_and_the_key_it_named()
    {
        var keyId = await NewKey();
        var audit = CreateTestProbe();
        Sys.EventStream.Subscribe(audit.Ref, typeof(AuditRecord));

        var fault = await Refused(() => Engine.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = [1] }));
        // The key's own CreateKey record may still be on its way: the faulted call's is the Encrypt one.
        var record = audit.FishForMessage<AuditRecord>(candidate => candidate.EventName == "Encrypt");

        Assert.Equal(("Encrypt", fault.ErrorCode, fault.ErrorMessage), (record.EventName, record.ErrorCode, record.ErrorMessage));
        Assert.Equal([$"arn:aws:kms:us-east-1:111122223333:key/{keyId}"], record.Resources.Select(resource => resource.Arn));
        Assert.Null(record.ResponseElements);
    }

    [Fact]
    public async Task a_faulted_call_fails_only_after_its_injected_latency()
    {
        var keyId = await NewKey();

        var alias = Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/faulted", TargetKeyId = keyId });
        await Clock.AdvanceAsync(TimeSpan.FromMilliseconds(99));
        var waitedBelowTheLatency = alias.IsCompleted;
        await Clock.AdvanceAsync(TimeSpan.FromMilliseconds(1));
        var fault = await Refused(() => alias);
        var aliases = await Engine.Send<ListAliasesResponse>(new ListAliasesRequest { KeyId = keyId });

        Assert.False(waitedBelowTheLatency);
        Assert.Contains(fault.ErrorCode, InjectedFaults.TransientErrors);
        Assert.Empty(aliases.Aliases!);
    }
}
