// Hangfire keeps its storage in a process-wide static, and the machine has two cores: hosts run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
