using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>ARNs use the region's partition everywhere: aws-cn in the China regions, aws-us-gov in AWS GovCloud, aws
/// elsewhere (docs/identifiers.md).</summary>
public sealed class PartitionTests : EngineTestBase
{
    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    public async Task a_key_arn_alias_arn_and_default_key_policy_name_the_regions_partition(string region, string partition)
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest(), region: region)).KeyMetadata!;
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/partition", TargetKeyId = key.KeyId }, region: region);

        Assert.Equal($"arn:{partition}:kms:{region}:111122223333:key/{key.KeyId}", key.Arn);
        var alias = Assert.Single((await Engine.ListAliases(new ListAliasesRequest(), region: region)).Aliases!);
        Assert.Equal($"arn:{partition}:kms:{region}:111122223333:alias/partition", alias.AliasArn);
        var policy = (await Engine.Send<GetKeyPolicyResponse>(new GetKeyPolicyRequest { KeyId = key.KeyId }, region: region)).Policy!;
        Assert.Contains($"\"arn:{partition}:iam::111122223333:root\"", policy);
        Assert.Equal(key.KeyId, (await Engine.DescribeKey(new DescribeKeyRequest { KeyId = key.Arn }, region: region)).KeyMetadata!.KeyId);
    }

    [Fact]
    public async Task an_arn_whose_partition_does_not_match_its_region_is_not_found_invalid_arn()
    {
        var key = (await Engine.CreateKey(new CreateKeyRequest(), region: "us-gov-west-1")).KeyMetadata!;
        var error = await AssertRefused(() => Engine.DescribeKey(new DescribeKeyRequest { KeyId = key.Arn!.Replace("arn:aws-us-gov:", "arn:aws:") }, region: "us-gov-west-1"),
            KmsErrorCodes.NotFoundException, "Invalid arn");
        Assert.Equal("Invalid arn", error.Message);
    }

    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("cn-northwest-1", "aws-cn")]
    [InlineData("us-gov-east-1", "aws-us-gov")]
    public void one_function_decides_the_partition(string region, string partition) => Assert.Equal(partition, AwsPartition.Of(region));
}
