module example.invalid/liboauth1/tests/go

go 1.19

require example.invalid/liboauth1/bindings/go v0.0.0

replace example.invalid/liboauth1/bindings/go => ../../bindings/go
