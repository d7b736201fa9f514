module example.invalid/liboauth1/bindings/go

go 1.19
